INSERT INTO indicator_codes VALUES (?, ?, ?)
