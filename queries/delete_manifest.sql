DELETE FROM manifest
