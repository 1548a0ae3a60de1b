/**
 * Form schemas for sign-in, second factor, password reset, invitations and account changes.
 * Shared by the browser (Conform's client validation) and the server. Messages are i18n keys.
 */
import { z } from "zod";
import { STAFF_ROLES } from "#db/schema";

const required = { error: "validation.required" } as const;

export const emailField = z
  .string(required)
  .trim()
  .max(254, "staff.validation.emailTooLong")
  .pipe(z.email("validation.email"))
  .transform((value) => value.toLowerCase());

/** Any Unicode, 12 to 256 characters; the common-password check runs on the server. */
export const newPasswordField = z
  .string(required)
  .min(12, "staff.validation.passwordTooShort")
  .max(256, "staff.validation.passwordTooLong");

const currentPasswordField = z.string(required).max(1024, "staff.validation.passwordTooLong");

export const nameField = z.string(required).trim().min(1, "validation.required").max(200, "staff.validation.nameTooLong");

export const LoginFormSchema = z.object({
  email: z.string(required).trim().max(254, "staff.validation.emailTooLong"),
  password: currentPasswordField,
  redirectTo: z.string().max(2000).optional(),
});

/** A six-digit authenticator code, or a recovery code (xxxxx-xxxxx). */
export const TwoFactorFormSchema = z.object({
  code: z
    .string(required)
    .trim()
    .max(32, "staff.validation.codeFormat")
    .regex(/^(\d{6}|[A-Za-z2-7]{5}-?[A-Za-z2-7]{5})$/, "staff.validation.codeFormat"),
  redirectTo: z.string().max(2000).optional(),
});

export const TwoFactorSetupFormSchema = z.object({
  secret: z.string(required).regex(/^[A-Z2-7]{32}$/, "staff.validation.codeFormat"),
  code: z.string(required).trim().regex(/^\d{6}$/, "staff.validation.totpFormat"),
});

export const ReauthenticateFormSchema = z.object({
  password: currentPasswordField,
  redirectTo: z.string().max(2000).optional(),
});

export const ForgotPasswordFormSchema = z.object({ email: emailField });

function confirmMatches<T extends { password: string; confirmPassword: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "staff.validation.passwordMismatch" });
  }
}

export const ResetPasswordFormSchema = z
  .object({
    password: newPasswordField,
    confirmPassword: z.string(required),
    code: z.string().trim().max(32).optional(),
  })
  .superRefine(confirmMatches);

export const AcceptStaffInvitationFormSchema = z
  .object({
    name: nameField,
    password: newPasswordField,
    confirmPassword: z.string(required),
  })
  .superRefine(confirmMatches);

export const ChangePasswordFormSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: currentPasswordField,
    password: newPasswordField,
    confirmPassword: z.string(required),
  })
  .superRefine(confirmMatches);

export const SetupFormSchema = z
  .object({
    organisationName: z.string(required).trim().min(2, "staff.validation.orgNameTooShort").max(200, "staff.validation.nameTooLong"),
    name: nameField,
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string(required),
  })
  .superRefine(confirmMatches);

export const InviteStaffFormSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  name: nameField,
  role: z.enum(STAFF_ROLES, "validation.invalidChoice"),
});

export const ChangeRoleFormSchema = z.object({
  intent: z.literal("change-role"),
  role: z.enum(STAFF_ROLES, "validation.invalidChoice"),
});
