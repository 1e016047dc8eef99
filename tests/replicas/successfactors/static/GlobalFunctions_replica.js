// Stand-in for the career site's global helpers (invented replica).
window.SFCareer = window.SFCareer || {};
