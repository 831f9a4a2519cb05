-- test only: the PostgreSQL variant of version 60
CREATE TABLE vendor_marker (product VARCHAR(16) NOT NULL);
INSERT INTO vendor_marker (product) VALUES ('postgresql');
