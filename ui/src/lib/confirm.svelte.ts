// An in-app confirmation dialog (window.confirm is not available in every webview).
export type ConfirmRequest = {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  danger: boolean;
  resolve: (ok: boolean) => void;
};

class ConfirmState {
  request = $state<ConfirmRequest | null>(null);

  ask(opts: {
    title: string;
    message: string;
    confirmLabel?: string;
    cancelLabel?: string;
    danger?: boolean;
  }): Promise<boolean> {
    this.request?.resolve(false);
    return new Promise((resolve) => {
      this.request = {
        confirmLabel: "Continue",
        cancelLabel: "Cancel",
        danger: false,
        ...opts,
        resolve: (ok) => {
          this.request = null;
          resolve(ok);
        },
      };
    });
  }
}

export const confirmation = new ConfirmState();
