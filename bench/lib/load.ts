// Fixed load on one address: a fixed number of connections for a fixed time after a short warm-up,
// over loopback, with autocannon. Answers the median and 99th percentile latency and requests per second.

import autocannon from "autocannon";
import { mean, percentile } from "./stats.ts";

export interface LoadSettings {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of the same load first, not measured (JIT, caches, connection pools). */
  warmup: number;
}

export interface LoadFigures {
  /** Milliseconds, exact (autocannon's own histogram keeps whole milliseconds). */
  p50: number;
  p99: number;
  mean: number;
  rps: number;
  requests: number;
  /** Mean size of an answer (headers and body), in bytes. */
  bytes: number;
  /** Answers other than 2xx, and socket errors or timeouts: any of these spoils the figure. */
  non2xx: number;
  errors: number;
}

/**
 * What Chromium sends with every page request: browsers always accept compressed answers, and the
 * server's page cache keeps pages gzipped for them. The baseline is asked the same way.
 */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

/** Checks first that the address answers 200 with the cookie (not a redirect to sign in). */
export async function measureLoad(url: string, cookie: string, settings: LoadSettings): Promise<LoadFigures> {
  const probe = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  await probe.arrayBuffer();
  if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}, not 200, before the load`);
  const headers: Record<string, string> = {
    "accept-encoding": BROWSER_ACCEPT_ENCODING,
    ...(cookie ? { cookie } : {}),
  };
  const options = { url, connections: settings.connections, timeout: 30, headers };
  // The warm-up is a run of its own, so only the measured run's answers are recorded.
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup });
  // Each 2xx answer's time to the last byte, to the microsecond: autocannon's histogram rounds to
  // whole milliseconds, too coarse to compare pages answering in 3 to 5 ms.
  const latencies: number[] = [];
  const run = autocannon({ ...options, duration: settings.duration });
  run.on("response", (_client, statusCode, _bytes, milliseconds) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(milliseconds);
  });
  const result = await run;
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    mean: mean(latencies),
    rps: result.requests.total / result.duration,
    requests: result.requests.total,
    bytes: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
