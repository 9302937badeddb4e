// Alone in its file so the standalone mock's banner can use it without loading the credential registry.
/** How many characters of a credential may appear anywhere (journal, capabilities, messages). */
export const CREDENTIAL_PREFIX_LENGTH = 12;
