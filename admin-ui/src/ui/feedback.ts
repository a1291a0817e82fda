import { ElMessage, ElMessageBox } from 'element-plus';

/**
 * Toasts and confirmations. The screens call these instead of the component library, so its
 * imperative APIs live in one place (their styles, which on-demand imports do not pull in, are
 * imported once by main.ts).
 */
export const toast = {
  // `grouping`: the same message twice (a second click on Save) shows once, with a count.
  success: (message: string) => void ElMessage.success({ message, grouping: true }),
  warning: (message: string) => void ElMessage.warning({ message, grouping: true }),
  error: (message: string) => void ElMessage.error({ message, duration: 6000, grouping: true }),
};

export interface ConfirmTexts {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
}

/** Resolves true when the user confirms, false when they cancel or close the box. */
export async function confirmAction(texts: ConfirmTexts, kind: 'warning' | 'info' = 'warning'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(texts.message, texts.title, { confirmButtonText: texts.confirm, cancelButtonText: texts.cancel, type: kind });
    return true;
  } catch {
    return false;
  }
}

/** Asks for one line of text (a view's name); undefined when cancelled. */
export async function promptText(texts: ConfirmTexts & { value?: string; invalid: string }): Promise<string | undefined> {
  try {
    const { value } = await ElMessageBox.prompt(texts.message, texts.title, {
      confirmButtonText: texts.confirm,
      cancelButtonText: texts.cancel,
      inputValue: texts.value ?? '',
      inputValidator: (input: string) => input.trim().length > 0 && input.length <= 200,
      inputErrorMessage: texts.invalid,
    });
    return String(value).trim();
  } catch {
    return undefined;
  }
}
