/**
 * Settings from the environment, validated once at start. A bad value stops the process with
 * a message naming the variable, rather than failing later in a request.
 */
import path from "node:path";
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_URL: z.url({ message: "PUBLIC_URL must be an absolute URL such as https://leverandortjek.example.dk" }).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().min(3).default("Leverandørtjek <no-reply@leverandortjek.local>"),
  /** Only then is X-Forwarded-For believed (for rate limits and the audit log's IP). */
  TRUST_PROXY: booleanish.default(false),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  UPLOAD_ALLOWED_TYPES: z.string().default("pdf,png,jpg,docx,xlsx,txt,csv"),
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  LOG_REQUESTS: booleanish.default(false),
  /** Worker processes (node:cluster) on the one port; unset: see webConcurrency() in app/server-lifecycle.server.ts. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
});
export type Env = z.infer<typeof EnvSchema> & { PUBLIC_URL: string; DATA_DIR: string };

let cached: Env | undefined;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    DATA_DIR: path.resolve(env.DATA_DIR),
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
