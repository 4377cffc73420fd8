// The hashing worker, kept as plain JavaScript source and started with `eval: true` so the same code runs
// under tsx (tests), from dist/ (the built CLI) and in benches, with no loader or path resolution in the
// worker. Measured (DESIGN "Performance notes"): synchronous reads into one reused buffer + crypto.hash in
// two worker threads beat sha256sum -P2; per-file fs.promises reads are 4-10x slower.
//
// A job is one whole tree. The thread walks it itself (readdir was ~100 ms of the main thread's time on a
// 16k-file tree, competing with the hashing threads on 2 cores), hashes every regular file it meets, and
// digests the tree (sorting and h1 on the main thread after the hashing were ~15 ms of a check's wall time).
// Messages are packed into a few strings and one transferred Int32Array: cloning per-file arrays cost more
// than the reads.
// The source is a function body over (require, parentPort): a worker runs it with its parentPort, and the main
// thread runs it with null to get runJob and hash alongside the workers. That saves booting one worker (~70 ms
// of CPU each, measured) and lets hashing start before any worker is up.
export const JOB_SOURCE = String.raw`
const fs = require("node:fs");
const crypto = require("node:crypto");
const oneShot = typeof crypto.hash === "function"
  ? (b) => crypto.hash("sha256", b, "hex")
  : (b) => crypto.createHash("sha256").update(b).digest("hex");
const MAX_BUF = 16 * 1024 * 1024;
const FILES_PER_JOB = 256;
const NOT_REGULAR = -1;
let buf = Buffer.allocUnsafe(1024 * 1024);
const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0);
function incremental(fd, h) {
  for (;;) {
    const r = fs.readSync(fd, buf, 0, buf.length, null);
    if (r === 0) return h.digest("hex");
    h.update(buf.subarray(0, r));
  }
}
// Returns [hex, mode]; mode NOT_REGULAR when something other than a regular file raced in (never read).
function hashFile(path) {
  const fd = fs.openSync(path, flags);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return ["", NOT_REGULAR];
    const size = st.size;
    if (size > MAX_BUF) {
      if (buf.length < MAX_BUF) buf = Buffer.allocUnsafe(MAX_BUF);
      return [incremental(fd, crypto.createHash("sha256")), st.mode];
    }
    if (size >= buf.length) buf = Buffer.allocUnsafe(Math.min(MAX_BUF, Math.max(size + 1, buf.length * 2)));
    let n = 0;
    for (;;) {
      if (n === buf.length) return [incremental(fd, crypto.createHash("sha256").update(buf.subarray(0, n))), st.mode];
      const r = fs.readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      // Stopping at the size fstat gave saves one read() per file.
      if (n === size && size > 0) break;
    }
    return [oneShot(buf.subarray(0, n)), st.mode];
  } finally {
    fs.closeSync(fd);
  }
}
function runJob(root) {
  const files = [], hex = [], modes = [], symlinks = [], others = [], errors = [];
  const stack = [""];
  while (stack.length) {
    const rel = stack.pop();
    const dir = rel ? root + "/" + rel : root;
    let ents;
    try {
      ents = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(rel + "\t" + ((e && e.code) || String(e)));
      continue;
    }
    for (const ent of ents) {
      const childRel = rel ? rel + "/" + ent.name : ent.name;
      let isDir = ent.isDirectory(), isFile = ent.isFile(), isLink = ent.isSymbolicLink();
      if (!isDir && !isFile && !isLink && !ent.isFIFO() && !ent.isSocket() && !ent.isBlockDevice() && !ent.isCharacterDevice()) {
        // Some file systems report DT_UNKNOWN: ask lstat.
        try {
          const st = fs.lstatSync(dir + "/" + ent.name);
          isDir = st.isDirectory(); isFile = st.isFile(); isLink = st.isSymbolicLink();
        } catch (e) {
          errors.push(childRel + "\t" + ((e && e.code) || String(e)));
          continue;
        }
      }
      if (isDir) stack.push(childRel);
      else if (isLink) symlinks.push(childRel);
      else if (!isFile) others.push(childRel);
      else {
        try {
          const [h, mode] = hashFile(dir + "/" + ent.name);
          if (mode === NOT_REGULAR) others.push(childRel);
          else { files.push(childRel); hex.push(h); modes.push(mode); }
        } catch (e) {
          errors.push(childRel + "\t" + ((e && e.code) || String(e)));
        }
      }
    }
  }
  return { files, hex, modes, symlinks, others, errors };
}
// h1 of a whole tree (digest/index.ts has the reference h1; test/unit/digest-hasher.test.ts compares them),
// computed here so the sort and the hashing run on the hashing threads, not on the main thread after them.
// Sorts files/hex/modes in place into UTF-8 byte order (what the listing promises anyway). "" when a name
// holds a newline: h1 cannot digest it, and the main thread's h1 reports that properly.
const SURROGATE = /[\uD800-\uDFFF]/;
function treeDigest(r) {
  const n = r.files.length;
  const order = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // UTF-16 order equals UTF-8 byte order unless a character above U+FFFF is involved.
  if (r.files.some((p) => SURROGATE.test(p))) {
    const bytes = r.files.map((p) => Buffer.from(p));
    order.sort((a, b) => Buffer.compare(bytes[a], bytes[b]));
  } else order.sort((a, b) => (r.files[a] < r.files[b] ? -1 : r.files[a] > r.files[b] ? 1 : 0));
  const files = new Array(n), hex = new Array(n), modes = new Array(n);
  let text = "";
  let ok = true;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    files[k] = r.files[i]; hex[k] = r.hex[i]; modes[k] = r.modes[i];
    if (files[k].includes("\n")) ok = false;
    else text += hex[k] + "  " + files[k] + "\n";
  }
  r.files = files; r.hex = hex; r.modes = modes;
  if (!ok) return "";
  return "h1:" + (typeof crypto.hash === "function" ? crypto.hash("sha256", text, "base64") : crypto.createHash("sha256").update(text).digest("base64"));
}
// One job is one whole tree (msg.root), walked, hashed and digested.
function packedJob(msg) {
  const r = runJob(msg.root);
  const digest = r.errors.length === 0 ? treeDigest(r) : "";
  return {
    id: msg.id,
    digest,
    files: r.files.join("\0"),
    hex: r.hex.join(""),
    modes: Int32Array.from(r.modes),
    symlinks: r.symlinks.join("\0"),
    others: r.others.join("\0"),
    errors: r.errors.join("\0"),
  };
}
// A batch: whole trees, claimed one at a time through a shared flag per tree (0 free, anything else taken),
// so the main thread can take trees from the batch's other end without a message round trip. The worker
// never waits on the main thread, which is often busy for 100 ms or more (module loading, parsing).
// Results go out in groups of about FILES_PER_JOB files: one message per small package cost more than its
// hashing.
if (parentPort) {
  parentPort.on("message", (msg) => {
    let group = [], files = 0;
    const flush = () => {
      if (group.length === 0) return;
      parentPort.postMessage({ batch: msg.batch, results: group }, group.map((r) => r.modes.buffer));
      group = [];
      files = 0;
    };
    for (let i = 0; i < msg.roots.length; i++) {
      if (Atomics.compareExchange(msg.flags, i, 0, 1) !== 0) continue;
      const out = packedJob({ id: i, root: msg.roots[i] });
      group.push(out);
      files += out.modes.length;
      if (files >= FILES_PER_JOB) flush();
    }
    flush();
  });
}
return packedJob;
`;

export const WORKER_SOURCE = `(function (require, parentPort) {${JOB_SOURCE}})(require, require("node:worker_threads").parentPort);`;
