// tree_hash.node: tonic-vendor check's native tree hasher (Node-API, C).
//
// Why native: issue 2 wants check at <= 0.8x the wall time of `xargs -P2 sha256sum`; the JS hasher (main thread +
// one worker) measured 1.16x, and a minimal JS two-thread hasher still 0.85x, while a C walker + OpenSSL on two
// pthreads hashed the same 157 MB tree in about half the time. The JS hasher (src/vendor/digest/worker-source.ts)
// stays the reference and the fallback; every field produced here equals what its packedJob produces, except
// where noted below ("Differences").
//
// JS API (exports):
//   version: number                       bumped whenever the API below changes (native.ts checks it)
//   hashTrees(roots: string[], flags: Int32Array, threads: number,
//             onResults: (results: JobResult[], done: boolean) => void): void
// Returns at once. `threads` pthreads claim roots[i] by an atomic compare-exchange of flags[i] from 0 to 1 (any
// other value: taken or dropped by someone else, skipped), walk + hash + digest each claimed tree, and hand the
// results to onResults on the JS thread, in groups of about FILES_PER_GROUP files. Exactly one call has
// done === true: the last one, after every thread has finished; it may carry results too (or none). flags must
// be on a SharedArrayBuffer (it cannot be detached while the threads write to it; a reference keeps it alive
// until they finish). The threadsafe function is released by each thread when it finishes, so nothing keeps
// the event loop alive afterwards (while they run, it does). A tree that runs out of memory yields errors
// "\tENOMEM"; should even that fail, its flag stays 1 with no result (the caller treats that as a failure).
// An exception thrown by onResults is raised as an uncaught exception. Exit safety: process.exit() or a
// terminated worker stops the threads at their next file and joins them (see live_lock).
//
// Differences from the JS reference:
// - files are always in UTF-8 byte order (JS leaves them in walk order when a tree has errors); symlinks,
//   others and errors are in byte order too (JS: walk order).
// - A name that is not valid UTF-8 cannot be represented in a JS string: it is reported as an error
//   "<path>\tEILSEQ" (the path decoded with U+FFFD, as Node shows it) and never hashed or descended into, for
//   every kind of entry. (The JS path sees U+FFFD and fails with ENOENT for files and dirs.)
// - Paths are opened relative to directory fds (openat), not as root + "/" + rel strings.
#define _GNU_SOURCE
#define NAPI_VERSION 8
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <node_api.h>
#include <openssl/evp.h>
#include <uv.h>

#define API_VERSION 1
#define READ_BUF (256 * 1024) /* reused per thread: large files stream through the cache */
#define FILES_PER_GROUP 256
#define MAX_THREADS 64

/* ---------- small growable buffers ---------- */

typedef struct {
  char *p;
  size_t len, cap;
  int oom;
} sbuf;

static void sb_reserve(sbuf *b, size_t extra) {
  if (b->oom) return;
  if (b->len + extra <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra) cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    b->oom = 1;
    return;
  }
  b->p = p;
  b->cap = cap;
}

static void sb_add(sbuf *b, const void *s, size_t n) {
  sb_reserve(b, n);
  if (b->oom) return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

static void sb_free(sbuf *b) {
  free(b->p);
  memset(b, 0, sizeof *b);
}

/* A list of NUL-terminated strings in one arena, remembered by offset (the arena moves as it grows). */
typedef struct {
  sbuf arena;
  size_t *off;
  size_t n, cap;
  int oom;
} slist;

static size_t sl_add(slist *l, const char *s, size_t n) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    size_t *o = realloc(l->off, cap * sizeof *o);
    if (!o) {
      l->oom = 1;
      return l->n;
    }
    l->off = o;
    l->cap = cap;
  }
  l->off[l->n] = l->arena.len;
  sb_add(&l->arena, s, n);
  sb_add(&l->arena, "", 1);
  if (l->arena.oom) l->oom = 1;
  return l->n++;
}

static void sl_free(slist *l) {
  sb_free(&l->arena);
  free(l->off);
  memset(l, 0, sizeof *l);
}

/* ---------- one tree's result ---------- */

typedef struct result {
  struct result *next;
  int32_t id;
  char digest[64];
  sbuf files, hex, symlinks, others, errors; /* joined exactly as packedJob joins them */
  int32_t *modes;
  size_t nfiles;
  int oom;
} result;

static void result_free(result *r) {
  sb_free(&r->files);
  sb_free(&r->hex);
  sb_free(&r->symlinks);
  sb_free(&r->others);
  sb_free(&r->errors);
  free(r->modes);
  free(r);
}

typedef struct {
  result *head, *tail;
  size_t files;
  int done;
} group;

/* ---------- the job shared by the threads of one hashTrees call ---------- */

typedef struct job {
  struct job *prev, *next; /* in the list of live jobs, for the exit handler */
  int joined;              /* threads joined (by the finalizer or the exit handler), under live_lock */
  char **roots;
  size_t nroots;
  int32_t *flags;
  napi_ref flags_ref;
  napi_threadsafe_function tsfn;
  int nthreads;
  pthread_t tids[MAX_THREADS];
  int created[MAX_THREADS];
  int running; /* threads not yet finished; the one that takes it to 0 sends done */
  group *done_group; /* the done call's group, allocated up front so it can always be sent */
  int aborted; /* set when the environment goes away: threads stop at the next file */
} job;

/* Jobs whose threads may still run. process.exit() runs no environment cleanup (so no tsfn finalizer) but
 * does run atexit handlers, among them OpenSSL's, which frees what EVP_DigestInit_ex uses: threads still
 * hashing then crashed (measured: SIGSEGV in about half of the runs that exited mid-hash). This module's own
 * exit handler, registered after OpenSSL's and so run before it, stops and joins them first. */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static job *live;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

typedef struct {
  job *j;
  unsigned char *buf;
  EVP_MD_CTX *ctx;
  const EVP_MD *md;
} worker;

static int aborted(job *j) { return __atomic_load_n(&j->aborted, __ATOMIC_RELAXED); }

/* Strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF): exactly the byte strings a JS string
 * round-trips to. */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) need = 2, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) need = 2;
    else if (c == 0xED) need = 2, hi = 0x9F;
    else if (c == 0xF0) need = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) need = 3, hi = 0x8F;
    else return 0;
    if (n - i <= need) return 0;
    unsigned c1 = s[i + 1];
    if (c1 < lo || c1 > hi) return 0;
    for (size_t k = 2; k <= need; k++)
      if ((s[i + k] & 0xC0) != 0x80) return 0;
    i += need + 1;
  }
  return 1;
}

/* What Node's fs puts in err.code: libuv's name for the negated errno. */
static const char *code_name(int err) { return uv_err_name(-err); }

typedef struct {
  slist files, symlinks, others, errors;
  int32_t *modes;
  unsigned char (*mds)[32];
  size_t cap;
  int oom;
} walk;

static void add_error(walk *w, const char *rel, size_t len, const char *code) {
  char tmp[64];
  size_t cl = strlen(code);
  if (cl > sizeof tmp - 2) cl = sizeof tmp - 2;
  sbuf b = {0};
  sb_add(&b, rel, len);
  tmp[0] = '\t';
  memcpy(tmp + 1, code, cl);
  sb_add(&b, tmp, cl + 1);
  if (b.oom) w->oom = 1;
  else sl_add(&w->errors, b.p, b.len);
  sb_free(&b);
}

static void add_file(walk *w, const char *rel, size_t len, int32_t mode, const unsigned char md[32]) {
  if (w->files.n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 64;
    int32_t *m = realloc(w->modes, cap * sizeof *m);
    if (!m) {
      w->oom = 1;
      return;
    }
    w->modes = m;
    unsigned char(*d)[32] = realloc(w->mds, cap * sizeof *d);
    if (!d) {
      w->oom = 1;
      return;
    }
    w->mds = d;
    w->cap = cap;
  }
  size_t i = sl_add(&w->files, rel, len);
  if (i == w->files.n) return; /* out of memory, recorded in the list */
  w->modes[i] = mode;
  memcpy(w->mds[i], md, 32);
}

/* Hashes one regular file opened relative to its directory. Returns 0 and fills md/mode; 1 when it is not a
 * regular file (raced: never read); -errno on failure. */
static int hash_file(worker *wk, int dfd, const char *name, unsigned char md[32], int32_t *mode) {
  int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return -errno;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return -e;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return 1;
  }
  if (EVP_DigestInit_ex(wk->ctx, wk->md, NULL) != 1) {
    close(fd);
    return -ENOMEM;
  }
  off_t size = st.st_size, total = 0;
  for (;;) {
    ssize_t r = read(fd, wk->buf, READ_BUF);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      return -e;
    }
    if (r == 0) break;
    EVP_DigestUpdate(wk->ctx, wk->buf, (size_t)r);
    total += r;
    /* Stopping at the size fstat gave saves one read() per file (as the JS reference does). */
    if (total == size && size > 0) break;
    if (aborted(wk->j)) break;
  }
  unsigned int mdlen = 0;
  EVP_DigestFinal_ex(wk->ctx, md, &mdlen);
  close(fd);
  *mode = (int32_t)st.st_mode;
  return 0;
}

typedef struct {
  const char *s;
  size_t i;
} keyed;

static int by_bytes(const void *a, const void *b) { return strcmp(((const keyed *)a)->s, ((const keyed *)b)->s); }

/* The list's indices in byte order of its strings (strcmp on UTF-8 is Buffer.compare's order). */
static keyed *sorted(const slist *l) {
  keyed *k = malloc((l->n ? l->n : 1) * sizeof *k);
  if (!k) return NULL;
  for (size_t i = 0; i < l->n; i++) k[i].s = l->arena.p + l->off[i], k[i].i = i;
  qsort(k, l->n, sizeof *k, by_bytes);
  return k;
}

static int join_sorted(const slist *l, sbuf *out) {
  keyed *k = sorted(l);
  if (!k) return -1;
  for (size_t i = 0; i < l->n; i++) {
    if (i) sb_add(out, "", 1);
    sb_add(out, k[i].s, strlen(k[i].s));
  }
  free(k);
  return out->oom ? -1 : 0;
}

static const char HEX[] = "0123456789abcdef";
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(const unsigned char *in, size_t n, char *out) {
  size_t o = 0, i = 0;
  for (; i + 2 < n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    out[o++] = B64[v >> 18], out[o++] = B64[(v >> 12) & 63], out[o++] = B64[(v >> 6) & 63], out[o++] = B64[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    out[o++] = B64[v >> 18], out[o++] = B64[(v >> 12) & 63], out[o++] = '=', out[o++] = '=';
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
    out[o++] = B64[v >> 18], out[o++] = B64[(v >> 12) & 63], out[o++] = B64[(v >> 6) & 63], out[o++] = '=';
  }
  out[o] = 0;
}

/* Packs the walk into the result: files sorted by bytes with their hex and modes, h1 over them unless a name
 * holds a newline or anything failed (packedJob's rule). */
static void finish(worker *wk, walk *w, result *r) {
  if (w->oom || w->files.oom || w->symlinks.oom || w->others.oom || w->errors.oom) {
    r->oom = 1;
    return;
  }
  keyed *k = sorted(&w->files);
  if (!k) {
    r->oom = 1;
    return;
  }
  size_t n = w->files.n;
  r->nfiles = n;
  r->modes = malloc((n ? n : 1) * sizeof *r->modes);
  sb_reserve(&r->hex, n * 64 + 1);
  if (!r->modes || r->hex.oom) {
    free(k);
    r->oom = 1;
    return;
  }
  int newline = 0;
  for (size_t x = 0; x < n; x++) {
    size_t i = k[x].i;
    size_t len = strlen(k[x].s);
    if (x) sb_add(&r->files, "", 1);
    sb_add(&r->files, k[x].s, len);
    if (memchr(k[x].s, '\n', len)) newline = 1;
    char *h = r->hex.p + r->hex.len;
    for (int b = 0; b < 32; b++) h[2 * b] = HEX[w->mds[i][b] >> 4], h[2 * b + 1] = HEX[w->mds[i][b] & 15];
    r->hex.len += 64;
    r->modes[x] = w->modes[i];
  }
  r->digest[0] = 0;
  if (!newline && w->errors.n == 0 && EVP_DigestInit_ex(wk->ctx, wk->md, NULL) == 1) {
    for (size_t x = 0; x < n; x++) {
      EVP_DigestUpdate(wk->ctx, r->hex.p + x * 64, 64);
      EVP_DigestUpdate(wk->ctx, "  ", 2);
      EVP_DigestUpdate(wk->ctx, k[x].s, strlen(k[x].s));
      EVP_DigestUpdate(wk->ctx, "\n", 1);
    }
    unsigned char sum[32];
    unsigned int sl = 0;
    EVP_DigestFinal_ex(wk->ctx, sum, &sl);
    memcpy(r->digest, "h1:", 3);
    base64(sum, 32, r->digest + 3);
  }
  free(k);
  if (join_sorted(&w->symlinks, &r->symlinks) || join_sorted(&w->others, &r->others) ||
      join_sorted(&w->errors, &r->errors) || r->files.oom)
    r->oom = 1;
}

/* Walks one tree without following symlinks. Directories wait on an explicit stack of paths relative to the root
 * fd, and only one directory fd is open at a time, so depth costs neither C stack nor descriptors. */
static void walk_tree(worker *wk, const char *root, walk *w) {
  int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) {
    add_error(w, "", 0, code_name(errno));
    return;
  }
  slist stack = {0};
  sl_add(&stack, "", 0);
  sbuf child = {0};
  char *rel = NULL;
  while (stack.n > 0 && !aborted(wk->j) && !stack.oom) {
    stack.n--;
    const char *top = stack.arena.p + stack.off[stack.n];
    size_t rlen = strlen(top);
    free(rel);
    rel = strdup(top);
    stack.arena.len = stack.off[stack.n]; /* pop: the arena is a stack too */
    if (!rel) {
      w->oom = 1;
      break;
    }
    int dfd = openat(rootfd, rlen ? rel : ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0) {
      add_error(w, rel, rlen, code_name(errno));
      continue;
    }
    DIR *d = fdopendir(dfd);
    if (!d) {
      add_error(w, rel, rlen, code_name(errno));
      close(dfd);
      continue;
    }
    for (;;) {
      if (aborted(wk->j)) break;
      errno = 0;
      struct dirent *e = readdir(d);
      if (!e) {
        if (errno) add_error(w, rel, rlen, code_name(errno));
        break;
      }
      const char *name = e->d_name;
      if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
      size_t nlen = strlen(name);
      child.len = 0;
      if (rlen) {
        sb_add(&child, rel, rlen);
        sb_add(&child, "/", 1);
      }
      sb_add(&child, name, nlen);
      if (child.oom) {
        w->oom = 1;
        break;
      }
      if (!valid_utf8((const unsigned char *)name, nlen)) {
        add_error(w, child.p, child.len, "EILSEQ");
        continue;
      }
      unsigned char type = e->d_type;
      if (type == DT_UNKNOWN) {
        /* Some file systems do not fill d_type. */
        struct stat st;
        if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
          add_error(w, child.p, child.len, code_name(errno));
          continue;
        }
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
      }
      if (type == DT_DIR) sl_add(&stack, child.p, child.len);
      else if (type == DT_LNK) sl_add(&w->symlinks, child.p, child.len);
      else if (type != DT_REG) sl_add(&w->others, child.p, child.len);
      else {
        unsigned char md[32];
        int32_t mode = 0;
        int rc = hash_file(wk, dirfd(d), name, md, &mode);
        if (rc == 0) add_file(w, child.p, child.len, mode, md);
        else if (rc == 1) sl_add(&w->others, child.p, child.len);
        else add_error(w, child.p, child.len, code_name(-rc));
      }
    }
    closedir(d);
  }
  if (stack.oom) w->oom = 1;
  free(rel);
  sb_free(&child);
  sl_free(&stack);
  close(rootfd);
}

static result *hash_root(worker *wk, size_t id) {
  result *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->id = (int32_t)id;
  walk w = {0};
  walk_tree(wk, wk->j->roots[id], &w);
  finish(wk, &w, r);
  sl_free(&w.files);
  sl_free(&w.symlinks);
  sl_free(&w.others);
  sl_free(&w.errors);
  free(w.modes);
  free(w.mds);
  if (r->oom) {
    /* Out of memory: report the tree as failed rather than as a partial listing. */
    result_free(r);
    r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->id = (int32_t)id;
    sb_add(&r->errors, "\tENOMEM", 7);
  }
  return r;
}

static void group_free(group *g) {
  for (result *r = g->head, *n; r; r = n) n = r->next, result_free(r);
  free(g);
}

/* Hands a group to the JS thread. Returns 0, or -1 when the environment is closing (stop using the tsfn). */
static int send_group(job *j, group *g) {
  napi_status s = napi_call_threadsafe_function(j->tsfn, g, napi_tsfn_blocking);
  if (s == napi_ok) return 0;
  group_free(g);
  return -1;
}

/* A thread's last act (or, for a thread that could not be started, the main thread's on its behalf): its last
 * group is queued first, and only then is `running` decremented. The tsfn's queue is first in, first out, so
 * the done call, which the thread taking `running` to 0 queues after its decrement, comes after every thread's
 * results. (Decrementing first let a thread's last results arrive after done, measured in a sync that then
 * found a claimed tree without a result.) */
static void finish_thread(job *j, group *g) {
  int closing = 0;
  if (g && g->head) closing = send_group(j, g) != 0; /* send_group owns g either way */
  else if (g) free(g);
  int last = __atomic_sub_fetch(&j->running, 1, __ATOMIC_SEQ_CST) == 0;
  if (closing) return; /* must not touch the tsfn again */
  if (last) {
    group *d = __atomic_exchange_n(&j->done_group, NULL, __ATOMIC_SEQ_CST);
    if (d) {
      d->done = 1;
      if (send_group(j, d) != 0) return;
    }
  }
  napi_release_threadsafe_function(j->tsfn, napi_tsfn_release);
}

static void *thread_main(void *arg) {
  job *j = arg;
  worker wk = {j, malloc(READ_BUF), EVP_MD_CTX_new(), EVP_sha256()};
  group *g = calloc(1, sizeof *g);
  int closing = 0;
  for (size_t i = 0; i < j->nroots && wk.buf && wk.ctx && g && !closing; i++) {
    if (aborted(j)) break;
    int32_t expected = 0;
    if (!__atomic_compare_exchange_n(&j->flags[i], &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) continue;
    result *r = hash_root(&wk, i);
    if (!r) break;
    if (g->tail) g->tail->next = r;
    else g->head = r;
    g->tail = r;
    g->files += r->nfiles + 1;
    if (g->files >= FILES_PER_GROUP) {
      if (send_group(j, g) != 0) closing = 1;
      g = closing ? NULL : calloc(1, sizeof *g);
    }
  }
  free(wk.buf);
  if (wk.ctx) EVP_MD_CTX_free(wk.ctx);
  if (closing) {
    if (g) group_free(g);
    __atomic_sub_fetch(&j->running, 1, __ATOMIC_SEQ_CST);
    return NULL;
  }
  finish_thread(j, g);
  return NULL;
}

/* ---------- JS side ---------- */

#define CHECK(call)                                                                                                    \
  do {                                                                                                                 \
    if ((call) != napi_ok) goto fail;                                                                                  \
  } while (0)

static napi_value js_result(napi_env env, result *r) {
  napi_value o, v, ab;
  void *data = NULL;
  if (napi_create_object(env, &o) != napi_ok) return NULL;
  CHECK(napi_create_int32(env, r->id, &v));
  CHECK(napi_set_named_property(env, o, "id", v));
  CHECK(napi_create_string_latin1(env, r->digest, strlen(r->digest), &v));
  CHECK(napi_set_named_property(env, o, "digest", v));
  CHECK(napi_create_string_utf8(env, r->files.p ? r->files.p : "", r->files.len, &v));
  CHECK(napi_set_named_property(env, o, "files", v));
  CHECK(napi_create_string_latin1(env, r->hex.p ? r->hex.p : "", r->hex.len, &v));
  CHECK(napi_set_named_property(env, o, "hex", v));
  CHECK(napi_create_arraybuffer(env, r->nfiles * sizeof(int32_t), &data, &ab));
  if (r->nfiles) memcpy(data, r->modes, r->nfiles * sizeof(int32_t));
  CHECK(napi_create_typedarray(env, napi_int32_array, r->nfiles, ab, 0, &v));
  CHECK(napi_set_named_property(env, o, "modes", v));
  CHECK(napi_create_string_utf8(env, r->symlinks.p ? r->symlinks.p : "", r->symlinks.len, &v));
  CHECK(napi_set_named_property(env, o, "symlinks", v));
  CHECK(napi_create_string_utf8(env, r->others.p ? r->others.p : "", r->others.len, &v));
  CHECK(napi_set_named_property(env, o, "others", v));
  /* Invalid UTF-8 in an EILSEQ path becomes U+FFFD here, as in Node's own readdir. */
  CHECK(napi_create_string_utf8(env, r->errors.p ? r->errors.p : "", r->errors.len, &v));
  CHECK(napi_set_named_property(env, o, "errors", v));
  return o;
fail:
  return NULL;
}

static void call_js(napi_env env, napi_value cb, void *context, void *data) {
  (void)context;
  group *g = data;
  if (env == NULL || cb == NULL) {
    /* The environment is going away: just free. */
    group_free(g);
    return;
  }
  napi_value arr, done, undef, argv[2];
  uint32_t n = 0;
  if (napi_create_array(env, &arr) != napi_ok) goto out;
  for (result *r = g->head; r; r = r->next) {
    napi_value o = js_result(env, r);
    if (!o || napi_set_element(env, arr, n++, o) != napi_ok) goto out;
  }
  if (napi_get_boolean(env, g->done != 0, &done) != napi_ok || napi_get_undefined(env, &undef) != napi_ok) goto out;
  argv[0] = arr;
  argv[1] = done;
  if (napi_call_function(env, undef, cb, 2, argv, NULL) == napi_pending_exception) {
    /* Node 20 would only warn (DEP0168) and drop an exception thrown by onResults: raise it as uncaught, as
     * any other callback's. */
    napi_value err;
    if (napi_get_and_clear_last_exception(env, &err) == napi_ok) napi_fatal_exception(env, err);
  }
out:
  group_free(g);
}

static void free_job(job *j) {
  if (j->done_group) group_free(j->done_group);
  if (j->roots)
    for (size_t i = 0; i < j->nroots; i++) free(j->roots[i]);
  free(j->roots);
  free(j);
}

/* Tells the job's threads to stop at their next file and waits for them; once per job. Call with live_lock
 * held (the threads never take it). */
static void stop_and_join(job *j) {
  __atomic_store_n(&j->aborted, 1, __ATOMIC_SEQ_CST);
  if (j->joined) return;
  for (int i = 0; i < j->nthreads; i++)
    if (j->created[i]) pthread_join(j->tids[i], NULL);
  j->joined = 1;
}

static void stop_all_at_exit(void) {
  pthread_mutex_lock(&live_lock);
  for (job *j = live; j; j = j->next) stop_and_join(j);
  pthread_mutex_unlock(&live_lock);
}

static void register_exit_handler(void) { atexit(stop_all_at_exit); }

static void live_add(job *j) {
  pthread_mutex_lock(&live_lock);
  j->next = live;
  if (live) live->prev = j;
  live = j;
  pthread_mutex_unlock(&live_lock);
}

/* Runs on the JS thread once every thread has released the tsfn and the queue is drained (the joins are then
 * immediate), or when the environment is torn down (a worker terminated) while threads still run: then they
 * are stopped and joined here, so none touches the flags or the roots after they are freed. */
static void tsfn_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  job *j = data;
  pthread_mutex_lock(&live_lock);
  stop_and_join(j);
  if (j->prev) j->prev->next = j->next;
  else if (live == j) live = j->next;
  if (j->next) j->next->prev = j->prev;
  pthread_mutex_unlock(&live_lock);
  if (j->flags_ref) napi_delete_reference(env, j->flags_ref);
  free_job(j);
}

static napi_value throw_type(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static napi_value hash_trees(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], name;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 4) return throw_type(env, "hashTrees(roots, flags, threads, onResults): 4 arguments expected");
  bool is_array = false;
  napi_is_array(env, argv[0], &is_array);
  if (!is_array) return throw_type(env, "hashTrees: roots must be an array of strings");
  bool is_ta = false;
  napi_is_typedarray(env, argv[1], &is_ta);
  if (!is_ta) return throw_type(env, "hashTrees: flags must be an Int32Array on a SharedArrayBuffer");
  napi_typedarray_type ta_type;
  size_t ta_len = 0, ta_off = 0;
  void *ta_data = NULL;
  napi_value ta_buf;
  if (napi_get_typedarray_info(env, argv[1], &ta_type, &ta_len, &ta_data, &ta_buf, &ta_off) != napi_ok) return NULL;
  bool plain = true;
  /* A plain ArrayBuffer could be detached (transferred) while the threads write to it; a SharedArrayBuffer
   * cannot, and napi_is_arraybuffer is false for it. */
  napi_is_arraybuffer(env, ta_buf, &plain);
  if (ta_type != napi_int32_array || plain)
    return throw_type(env, "hashTrees: flags must be an Int32Array on a SharedArrayBuffer");
  int32_t threads = 0;
  if (napi_get_value_int32(env, argv[2], &threads) != napi_ok)
    return throw_type(env, "hashTrees: threads must be a number");
  napi_valuetype t;
  napi_typeof(env, argv[3], &t);
  if (t != napi_function) return throw_type(env, "hashTrees: onResults must be a function");
  uint32_t n = 0;
  napi_get_array_length(env, argv[0], &n);
  if (ta_len < n) return throw_type(env, "hashTrees: flags must have one element per root");

  job *j = calloc(1, sizeof *j);
  if (!j) goto oom;
  j->done_group = calloc(1, sizeof *j->done_group);
  if (!j->done_group) goto oom;
  j->nroots = n;
  j->roots = calloc(n ? n : 1, sizeof *j->roots);
  if (!j->roots) goto oom;
  for (uint32_t i = 0; i < n; i++) {
    napi_value s;
    size_t len = 0;
    napi_valuetype st;
    if (napi_get_element(env, argv[0], i, &s) != napi_ok) goto fail;
    napi_typeof(env, s, &st);
    if (st != napi_string) {
      free_job(j);
      return throw_type(env, "hashTrees: roots must be an array of strings");
    }
    if (napi_get_value_string_utf8(env, s, NULL, 0, &len) != napi_ok) goto fail;
    j->roots[i] = malloc(len + 1);
    if (!j->roots[i]) goto oom;
    napi_get_value_string_utf8(env, s, j->roots[i], len + 1, &len);
    if (strlen(j->roots[i]) != len) {
      /* A NUL inside a path would silently name another directory. */
      free_job(j);
      return throw_type(env, "hashTrees: a root contains a NUL character");
    }
  }
  j->flags = ta_data;
  if (threads < 1) threads = 1;
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  j->nthreads = threads;
  j->running = threads;
  if (napi_create_reference(env, argv[1], 1, &j->flags_ref) != napi_ok) goto fail;
  if (napi_create_string_utf8(env, "tonic-tree-hash", NAPI_AUTO_LENGTH, &name) != napi_ok) goto fail;
  if (napi_create_threadsafe_function(env, argv[3], NULL, name, 0, (size_t)threads, j, tsfn_finalize, NULL, call_js,
                                      &j->tsfn) != napi_ok) {
    napi_delete_reference(env, j->flags_ref);
    goto fail;
  }
  /* From here on the tsfn's finalizer owns the job. */
  pthread_once(&exit_once, register_exit_handler);
  /* Listed before any thread starts: the exit handler must see every thread it has to wait for. The lock also
   * keeps the handler from joining while threads are still being created. */
  live_add(j);
  pthread_mutex_lock(&live_lock);
  for (int i = 0; i < threads; i++) {
    if (pthread_create(&j->tids[i], NULL, thread_main, j) == 0) j->created[i] = 1;
    else finish_thread(j, NULL);
  }
  pthread_mutex_unlock(&live_lock);
  return NULL;
oom:
  if (j) free_job(j);
  napi_throw_error(env, "ENOMEM", "hashTrees: out of memory");
  return NULL;
fail:
  free_job(j);
  {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) napi_throw_error(env, NULL, "hashTrees: Node-API call failed");
  }
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn, v;
  if (napi_create_function(env, "hashTrees", NAPI_AUTO_LENGTH, hash_trees, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "hashTrees", fn) != napi_ok) return NULL;
  if (napi_create_int32(env, API_VERSION, &v) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "version", v) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
