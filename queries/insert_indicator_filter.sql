INSERT INTO indicator_filters VALUES (?, ?, ?, ?)
