// What to do about a failed AI run, chosen by its code (never by its message, which says what
// happened in the provider's own words).
import type { AiErrorCode } from "$lib/bindings";

export type FailureAdvice = {
  /** The next step, in a sentence. */
  text: string;
  /** The fix is in Settings (the provider's key, model or address). */
  settings: boolean;
};

const ADVICE: Record<AiErrorCode, FailureAdvice> = {
  auth_rejected: { text: "The provider refused the API key. Open Settings to fix the key.", settings: true },
  config: { text: "This provider is not set up completely. Open Settings to fix it.", settings: true },
  model_not_found: { text: "The provider does not offer this model. Open Settings to choose one it has.", settings: true },
  quota_exhausted: { text: "The account has no quota left. Add credit with the provider, or choose another provider.", settings: false },
  rate_limited: { text: "The provider is limiting requests. Wait a minute, then try again.", settings: false },
  overloaded: { text: "The provider is busy. Try again in a few minutes, or choose another provider.", settings: false },
  unavailable: { text: "The provider is not answering. Try again later, or choose another provider.", settings: false },
  context_too_long: { text: "The text is too long for this model. Select a shorter passage, or choose a model that takes more.", settings: false },
  network: { text: "The provider could not be reached. Check the network (or that the local server is running) and try again.", settings: false },
  timeout: { text: "The provider took too long to answer. Try again, or choose another provider.", settings: false },
  truncated_stream: { text: "The answer was cut off. Try again; any text kept above is incomplete.", settings: false },
  malformed_reply: { text: "The provider answered something Greenlight could not read. Try again, or choose another provider.", settings: false },
  bad_request: { text: "The provider refused the request. Try a shorter passage, or choose another provider.", settings: false },
  provider_error: { text: "The provider reported an error. Try again, or choose another provider.", settings: false },
  redirected: {
    text: "The provider tried to send the request to another address, which Greenlight never follows. Open Settings and check its address.",
    settings: true,
  },
  reply_too_large: { text: "The answer grew past the size limit and was stopped. Try a shorter passage or instruction.", settings: false },
  took_too_long: { text: "The answer took longer than the time limit and was stopped; any text kept above is incomplete.", settings: false },
};

/** The next step for a run that failed with `code`; `null` when the failure was not classified. */
export function failureAdvice(code: AiErrorCode | null): FailureAdvice | null {
  return code === null ? null : ADVICE[code];
}
