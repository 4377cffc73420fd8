# tree_hash.node: tonic-vendor check's native tree hasher (see tree-hash.c). Built by scripts/build-native.mjs
# against the running node's own headers (--nodedir); OpenSSL and libuv symbols are resolved from the node
# binary at load time, so nothing links the system's libcrypto.
{
  "targets": [
    {
      "target_name": "tree_hash",
      "sources": ["tree-hash.c"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-std=gnu11", "-Wall", "-Wextra"] }
    }
  ]
}
