SELECT kind, path, sha256, size FROM manifest
