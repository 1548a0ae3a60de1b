/** The app's side of the structured log (server/log.js): one JSON object per line. */
export { errorFields, log } from "../server/log.js";
