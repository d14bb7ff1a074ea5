import "server-only";

type Job = () => void;
const jobs: Job[] = [];

/**
 * Long-running work started with the server (the health sampler registers here). Each job must
 * tolerate several replicas running it at once (they take leases in the control plane).
 */
export function registerBackgroundJob(job: Job) {
  jobs.push(job);
}

export function startBackgroundWork() {
  for (const job of jobs) job();
}
