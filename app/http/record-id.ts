/**
 * What a record id in a URL or form may look like (ours are base32 from `newId`; factories and
 * imports may use other safe ids). Checked before any lookup, so junk never reaches a query.
 */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
