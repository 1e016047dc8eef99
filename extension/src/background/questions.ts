/**
 * Questions a flow asks the person (an emailed security code): shown in the popup, with a
 * "?" badge on the toolbar button until answered. Unanswered questions time out as null.
 */

const ASK_TIMEOUT_MS = 280_000;

interface Open {
  ask_id: string;
  tab_id: number;
  question: string;
  resolve: (answer: string | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class Questions {
  private open: Open | null = null;
  private next = 1;

  ask(tabId: number, question: string): Promise<string | null> {
    this.settle(null);
    return new Promise((resolve) => {
      const ask_id = `q${this.next++}`;
      const timer = setTimeout(() => this.settle(null), ASK_TIMEOUT_MS);
      this.open = { ask_id, tab_id: tabId, question, resolve, timer };
      void chrome.action.setBadgeText({ text: "?" }).catch(() => undefined);
      chrome.runtime.sendMessage({ jobpilot: "ask", ask_id, question }).catch(() => undefined);
    });
  }

  pending(): { ask_id: string; question: string } | null {
    return this.open ? { ask_id: this.open.ask_id, question: this.open.question } : null;
  }

  answer(askId: string, answer: string | null): boolean {
    if (!this.open || this.open.ask_id !== askId) return false;
    this.settle(answer);
    return true;
  }

  private settle(answer: string | null): void {
    const o = this.open;
    if (!o) return;
    this.open = null;
    clearTimeout(o.timer);
    void chrome.action.setBadgeText({ text: "" }).catch(() => undefined);
    o.resolve(answer);
  }

  destroy(): void {
    this.settle(null);
  }
}
