INSERT INTO manifest VALUES (?, ?, ?, ?)
