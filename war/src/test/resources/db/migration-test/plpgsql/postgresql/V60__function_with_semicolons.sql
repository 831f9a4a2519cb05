-- test only (not a real migration): a PL/pgSQL body holds ';' at line ends inside $$ ... $$,
-- which the home-made migrator split into broken statements; Flyway's parser keeps it whole.
CREATE TABLE plpgsql_audit (n INTEGER NOT NULL);

CREATE FUNCTION interops_test_double(x INTEGER) RETURNS INTEGER AS $$
DECLARE
  result INTEGER;
BEGIN
  result := x * 2;
  INSERT INTO plpgsql_audit (n) VALUES (result);
  RETURN result;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION interops_test_tagged(x INTEGER) RETURNS TEXT AS $body$
BEGIN
  RETURN 'n=' || x || ';';
END;
$body$ LANGUAGE plpgsql;
