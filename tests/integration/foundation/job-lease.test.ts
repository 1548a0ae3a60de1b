import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { acquireLease, findLease, releaseLease } from "#db/repos/leases";
import { jobRuns } from "#db/schema";
import { JOB_LEASE, runJobsUnderLease, type Job } from "~/jobs/job-runner.server";

const T0 = new Date("2026-12-01T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("leases", () => {
  it("one holder at a time; the holder renews; a released or expired lease is taken over", () => {
    const db = getDb();
    expect(acquireLease(db, "l1", "a", T0, 1000)).toBe(true);
    expect(acquireLease(db, "l1", "b", at(500), 1000)).toBe(false);
    expect(acquireLease(db, "l1", "a", at(900), 1000)).toBe(true); // renewed until 1900
    expect(findLease(db, "l1")).toMatchObject({ holder: "a", expiresAt: at(1900), acquiredAt: T0 });
    expect(acquireLease(db, "l1", "b", at(1899), 1000)).toBe(false);
    expect(acquireLease(db, "l1", "b", at(1900), 1000)).toBe(true); // a died: taken over at expiry
    expect(findLease(db, "l1")).toMatchObject({ holder: "b", acquiredAt: at(1900) });
    expect(releaseLease(db, "l1", "a", at(2000))).toBe(false); // not a's any more
    expect(releaseLease(db, "l1", "b", at(2000))).toBe(true);
    expect(findLease(db, "l1")?.holder).toBeNull();
    expect(acquireLease(db, "l1", "c", at(2001), 1000)).toBe(true);
    expect(acquireLease(db, "other", "a", at(2001), 1000)).toBe(true); // names are independent
  });
});

describe("runJobsUnderLease", () => {
  it("runs only for the holder, records the runner on each run, and stops when the lease is lost", async () => {
    const db = getDb();
    let clock = Date.now();
    const now = () => new Date(clock);
    const seen: string[] = [];
    const first: Job = { name: "lease-first", run: () => (seen.push("first"), {}) };
    // While this job runs, the lease expires and runner "b" takes it: "a" must not start the next job.
    const slow: Job = {
      name: "lease-slow",
      run: () => {
        seen.push("slow");
        clock += 2000;
        expect(acquireLease(db, JOB_LEASE, "b", now(), 1000)).toBe(true);
        return {};
      },
    };
    const last: Job = { name: "lease-last", run: () => (seen.push("last"), {}) };
    const outcome = await runJobsUnderLease({ runner: "a", ttlMs: 1000, release: true, now, jobs: [first, slow, last] });
    expect(outcome).toMatchObject({ ran: true, leaseLost: true });
    expect(seen).toEqual(["first", "slow"]);
    expect(findLease(db, JOB_LEASE)?.holder).toBe("b"); // a's release does not touch b's lease
    const runs = db.select().from(jobRuns).all().filter((r) => r.job.startsWith("lease-"));
    expect(runs.map((r) => [r.job, r.runner])).toEqual([["lease-first", "a"], ["lease-slow", "a"]]);

    const refused = await runJobsUnderLease({ runner: "a", ttlMs: 1000, release: true, now, jobs: [first] });
    expect(refused).toEqual({ ran: false, heldBy: "b", until: new Date(clock + 1000) });
    expect(seen).toEqual(["first", "slow"]);

    // A one-off run releases; a server's keeps the lease for its next tick.
    clock += 5000;
    expect(await runJobsUnderLease({ runner: "c", ttlMs: 1000, release: true, now, jobs: [first] })).toMatchObject({ ran: true });
    expect(findLease(db, JOB_LEASE)?.holder).toBeNull();
    await runJobsUnderLease({ runner: "d", ttlMs: 1000, release: false, now, jobs: [first] });
    expect(findLease(db, JOB_LEASE)?.holder).toBe("d");
  });

  it("a stop signal ends the run between jobs", async () => {
    const stop = new AbortController();
    const seen: string[] = [];
    const jobs: Job[] = [
      { name: "stop-1", run: () => (seen.push("1"), stop.abort(), {}) },
      { name: "stop-2", run: () => (seen.push("2"), {}) },
    ];
    // (an hour on, past the lease the test above left)
    const later = () => new Date(Date.now() + 3_600_000);
    const outcome = await runJobsUnderLease({ runner: "e", ttlMs: 60_000, release: true, stop: stop.signal, jobs, now: later });
    expect(outcome).toMatchObject({ ran: true, leaseLost: false });
    expect(seen).toEqual(["1"]);
  });

  it("the jobs see `jobsNow` (LT_NOW for npm run jobs) while the lease keeps the real clock", async () => {
    const seen: Date[] = [];
    const jobsNow = new Date("2030-01-01T06:00:00Z");
    const later = () => new Date(Date.now() + 7_200_000);
    const outcome = await runJobsUnderLease({ runner: "f", ttlMs: 60_000, release: false, now: later, jobsNow, jobs: [{ name: "clock", run: ({ now }) => (seen.push(now), {}) }] });
    expect(outcome).toMatchObject({ ran: true });
    expect(seen).toEqual([jobsNow]);
    expect(findLease(getDb(), JOB_LEASE)?.expiresAt.getTime()).toBeLessThan(jobsNow.getTime());
  });
});
