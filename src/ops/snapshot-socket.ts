import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

// How `waymark backup` gets a consistent copy of the embedded database while the server runs. The
// server owns the data folder (data-dir-lock.ts): nothing else may open it, so the command line asks
// the server, over a Unix socket in the data folder itself. Only someone who can reach inside the
// data folder can connect (the socket is the owner's only, 0600), which is who could copy the
// folder anyway; it listens on no network address.

export const SNAPSHOT_SOCKET = "waymark-admin.sock";
/** The longest socket path Linux and macOS accept (sun_path, less its terminating zero). */
const MAX_SOCKET_PATH = 103;

export function snapshotSocketPath(dataDir: string): string {
  return path.join(fs.realpathSync(dataDir), SNAPSHOT_SOCKET);
}

/**
 * PGlite's own dump of its data folder (a gzipped tar), taken while no transaction is open (PGlite runs
 * one at a time) and after a checkpoint, so the copy is a cleanly written folder that opens at once.
 */
export async function snapshotPglite(client: PGlite): Promise<Buffer> {
  // exec takes the transaction turn itself, so the checkpoint comes first; the dump (which takes only
  // the statement turn) then waits for the transaction turn, i.e. for no transaction to be open.
  await client.exec("checkpoint");
  const dump = await client._runExclusiveTransaction(() => client.dumpDataDir("gzip"));
  return Buffer.from(await dump.arrayBuffer());
}

export interface SnapshotSocket {
  close(): Promise<void>;
}

/** Starts answering snapshot requests on the data folder's socket; undefined where it cannot. */
export async function startSnapshotSocket(
  dataDir: string,
  client: PGlite,
  warn: (message: string) => void,
): Promise<SnapshotSocket | undefined> {
  const socketPath = snapshotSocketPath(dataDir);
  if (socketPath.length > MAX_SOCKET_PATH || process.platform === "win32") {
    warn(
      `The data folder's path is too long for its backup socket (${socketPath}): \`waymark backup\` needs the server stopped.`,
    );
    return undefined;
  }
  // We hold the folder's lock, so a socket file left here is a dead process's.
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer((request, response) => {
    if (request.method !== "POST" || request.url !== "/snapshot") {
      response.writeHead(404).end();
      return;
    }
    snapshotPglite(client).then(
      (dump) => {
        response.writeHead(200, { "content-type": "application/gzip", "content-length": dump.length });
        response.end(dump);
      },
      (error: unknown) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          fs.rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

/**
 * Asks the server running on this data folder for a snapshot; "no-server" when none answers (no socket,
 * or a socket left by a process that has gone).
 */
export function requestSnapshot(dataDir: string): Promise<Buffer | "no-server"> {
  const socketPath = snapshotSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return Promise.resolve("no-server");
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath, path: "/snapshot", method: "POST" }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode === 200) resolve(body);
        else reject(new Error(`The running server could not take a snapshot: ${body.toString("utf8")}`));
      });
      response.on("error", reject);
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" || error.code === "ENOENT") resolve("no-server");
      else reject(error);
    });
    request.end();
  });
}
