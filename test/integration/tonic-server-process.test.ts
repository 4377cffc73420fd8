// A Server in a child process: SIGTERM drains and exits; SIGUSR2 hands the listening socket to a new copy
// under continuous load with no failed request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";

const CHILD = fileURLToPath(new URL("./fixtures/tonic-server-child.ts", import.meta.url));

interface Started {
  child: ChildProcess;
  port: number;
  pid: number;
  lines: string[];
}

function startChild(inheritFd?: number): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    stdio: inheritFd === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", "pipe", "pipe", inheritFd],
    env: inheritFd === undefined ? { ...process.env, PORT: "0" } : { ...process.env, PORT: "1", LISTEN_FDS: "1" },
  });
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        const m = /^LISTENING (\d+) (\d+)$/.exec(line);
        if (m && lines.length === 1) resolve({ child, port: Number(m[1]), pid: Number(m[2]), lines });
      }
    });
    child.once("exit", (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
  });
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once("exit", (code) => r(code)));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("SIGTERM: the in-flight request is answered with Connection: close, then the process exits 0", async () => {
  const { child, port, lines } = await startChild();
  const agent = new Agent({ connections: 4 });
  try {
    const slow = request(`http://127.0.0.1:${port}/slow?ms=400`, { dispatcher: agent });
    // The signal goes only once the slow request is inside the handler.
    while (!lines.includes("SLOW-START")) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGTERM");
    const res = await slow;
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.connection, "close");
    assert.deepEqual(await res.body.json(), { pid: child.pid });
    assert.equal(await exited(child), 0);
    await assert.rejects(request(`http://127.0.0.1:${port}/pid`, { dispatcher: new Agent() }), /ECONNREFUSED/);
  } finally {
    await agent.close();
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

test("SIGUSR2: a new copy takes over the socket under load; no request fails, a new pid serves", async () => {
  const { child, port, pid: oldPid } = await startChild();
  const agent = new Agent({ connections: 8, pipelining: 1 });
  let newPid = 0;
  let ok = 0;
  const failures: string[] = [];
  const pidsSeen = new Set<number>();
  try {
    let stop = false;
    let afterSwitch = 0;
    const worker = async (): Promise<void> => {
      // Bounded in count as well as by the switch: at most 4000 requests per worker.
      for (let i = 0; i < 4000 && !stop; i++) {
        try {
          const res = await request(`http://127.0.0.1:${port}/pid`, { dispatcher: agent });
          const body = (await res.body.json()) as { pid: number };
          if (res.statusCode !== 200) failures.push(`status ${res.statusCode}`);
          else ok++;
          pidsSeen.add(body.pid);
          if (body.pid !== oldPid) {
            newPid = body.pid;
            if (++afterSwitch >= 400) stop = true;
          }
        } catch (err) {
          failures.push(String(err));
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 200));
    child.kill("SIGUSR2");
    await Promise.all(workers);
    assert.deepEqual(failures, []);
    assert.ok(ok > 400, `only ${ok} requests succeeded`);
    assert.notEqual(newPid, 0, "no response came from a new process");
    assert.notEqual(newPid, oldPid);
    assert.deepEqual([...pidsSeen].sort(), [oldPid, newPid].sort());
    assert.equal(await exited(child), 0, "the old process exits after draining");
    // After the old one is gone, the new one still answers.
    const res = await request(`http://127.0.0.1:${port}/pid`, { dispatcher: agent });
    assert.deepEqual(await res.body.json(), { pid: newPid });
  } finally {
    await agent.close();
    if (child.exitCode === null) child.kill("SIGKILL");
    if (newPid !== 0 && alive(newPid)) process.kill(newPid, "SIGKILL");
  }
});

test("systemd-style LISTEN_FDS: the child serves on the inherited socket (fd 3), not on its own port", async () => {
  const outer = net.createServer();
  await new Promise<void>((r) => outer.listen(0, "127.0.0.1", r));
  const port = (outer.address() as net.AddressInfo).port;
  const fd = (outer as unknown as { _handle: { fd: number } })._handle.fd;
  const { child, port: childPort } = await startChild(fd);
  // This process stops listening; the socket lives on in the child only, so only its server object accepts.
  await new Promise<void>((r) => outer.close(() => r()));
  const agent = new Agent();
  try {
    assert.equal(childPort, port, "listen() reports the inherited socket's address");
    const res = await request(`http://127.0.0.1:${port}/pid`, { dispatcher: agent });
    assert.deepEqual(await res.body.json(), { pid: child.pid });
  } finally {
    await agent.close();
    child.kill("SIGTERM");
    assert.equal(await exited(child), 0);
  }
});
