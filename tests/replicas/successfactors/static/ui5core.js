// Stand-in for the UI5 core bootstrap (sap-ui-bootstrap): the replica's app needs nothing from it.
window.sap = window.sap || { ui: { version: "replica" } };
