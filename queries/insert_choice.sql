INSERT INTO choices VALUES (?, ?, ?, ?)
