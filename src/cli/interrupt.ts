// SIGINT and SIGTERM as an AbortSignal for the work that makes temporary files (the PDF brief's
// page, PDF and Chromium profile): instead of dying at once with the files left behind, the
// process aborts the work, whose own clean-up runs, and then exits 130 (main.ts maps INTERRUPTED).
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.on("SIGINT", abort);
  process.on("SIGTERM", abort);
  try {
    return await work(controller.signal);
  } finally {
    process.off("SIGINT", abort);
    process.off("SIGTERM", abort);
  }
}
