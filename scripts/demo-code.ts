/** `npm run demo:code`: the demo admin's current TOTP code. */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { DEMO_ADMIN_TOTP_SECRET } from "../db/factories/demo";

console.log(generateTOTP(decodeBase32IgnorePadding(DEMO_ADMIN_TOTP_SECRET), 30, 6));
