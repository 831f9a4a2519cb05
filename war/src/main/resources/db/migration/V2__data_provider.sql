-- Interops-R Server, schema version 2: the data provider (issue 3).

-- Single-use VIs already presented (IR-11): shared by every node, kept until the VI expires.
CREATE TABLE vi_use (
  issuer      VARCHAR(512) NOT NULL,
  jti         VARCHAR(128) NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_vi_use PRIMARY KEY (issuer, jti)
);
CREATE INDEX ix_vi_use_expiry ON vi_use (expires_at);

-- Verification and transaction traces (IR-19): the failing step, and the request's action.
ALTER TABLE trace_record ADD COLUMN step VARCHAR(32);
ALTER TABLE trace_record ADD COLUMN http_method VARCHAR(16);
ALTER TABLE trace_record ADD COLUMN target_url VARCHAR(2048);
ALTER TABLE trace_record ADD COLUMN http_status INTEGER;
ALTER TABLE trace_record ADD COLUMN resource_id VARCHAR(128);

-- The sample personal-data service: synthetic beneficiaries (no real person), seeded below.
-- nir is held but never returned by the API (minimisation, seed 000).
CREATE TABLE beneficiary (
  id                      VARCHAR(16)  NOT NULL PRIMARY KEY,
  family_name             VARCHAR(100) NOT NULL,
  given_name              VARCHAR(100) NOT NULL,
  birth_date              DATE         NOT NULL,
  postal_code             VARCHAR(10)  NOT NULL,
  city                    VARCHAR(100) NOT NULL,
  monthly_allowance_cents INTEGER      NOT NULL,
  allowance_status        VARCHAR(16)  NOT NULL,
  nir                     VARCHAR(15)  NOT NULL,
  updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO beneficiary (id, family_name, given_name, birth_date, postal_code, city,
                         monthly_allowance_cents, allowance_status, nir, updated_at) VALUES
('B00001', 'Petit', 'Jade', DATE '2004-09-01', '33000', 'Bordeaux', 52075, 'active', '1040933850325', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00002', 'Leroy', 'Ines', DATE '1967-02-03', '31000', 'Toulouse', 80000, 'active', '1670231605236', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00003', 'Francois', 'Manon', DATE '1979-02-23', '44000', 'Nantes', 80000, 'active', '2790244221133', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00004', 'Roux', 'Camille', DATE '1954-03-14', '31000', 'Toulouse', 0, 'active', '1540331614875', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00005', 'Vincent', 'Chloe', DATE '1962-02-27', '13005', 'Marseille', 61210, 'closed', '2620213653507', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00006', 'Bernard', 'Louise', DATE '1979-10-21', '67000', 'Strasbourg', 24550, 'active', '2791067785466', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00007', 'Dupont', 'Manon', DATE '1998-05-22', '59000', 'Lille', 15000, 'active', '1980559345647', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00008', 'Roux', 'Jules', DATE '1985-06-14', '67000', 'Strasbourg', 61210, 'active', '2850667578873', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00009', 'Garcia', 'Emma', DATE '1983-02-16', '69003', 'Lyon', 38000, 'suspended', '2830269574330', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00010', 'Simon', 'Manon', DATE '1955-01-14', '13005', 'Marseille', 80000, 'active', '2550113609917', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00011', 'Richard', 'Jules', DATE '1967-08-21', '69003', 'Lyon', 61210, 'suspended', '2670869675441', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00012', 'Michel', 'Arthur', DATE '1993-05-02', '59000', 'Lille', 61210, 'active', '1930559962492', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00013', 'Andre', 'Lea', DATE '1969-10-15', '75011', 'Paris', 24550, 'suspended', '2691075233892', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00014', 'Simon', 'Hugo', DATE '1996-07-21', '69003', 'Lyon', 38000, 'active', '2960769463688', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00015', 'Dubois', 'Ines', DATE '1978-12-10', '67000', 'Strasbourg', 80000, 'active', '2781267421176', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00016', 'Richard', 'Louise', DATE '1972-09-04', '59000', 'Lille', 80000, 'suspended', '2720959843371', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00017', 'Michel', 'Lucas', DATE '1978-03-28', '13005', 'Marseille', 38000, 'active', '1780313772635', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00018', 'Bertrand', 'Adam', DATE '1996-01-16', '35000', 'Rennes', 38000, 'active', '2960135881587', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00019', 'Mercier', 'Louis', DATE '1957-04-14', '67000', 'Strasbourg', 24550, 'active', '1570467453624', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00020', 'Martinez', 'Adam', DATE '1973-02-05', '59000', 'Lille', 52075, 'active', '2730259436138', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00021', 'Laurent', 'Camille', DATE '2000-11-14', '44000', 'Nantes', 38000, 'closed', '2001144836372', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00022', 'Moreau', 'Lucas', DATE '1983-11-03', '34000', 'Montpellier', 38000, 'suspended', '2831134615441', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00023', 'Garcia', 'Lucas', DATE '1963-11-25', '13005', 'Marseille', 80000, 'active', '1631113207146', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00024', 'Richard', 'Gabriel', DATE '1962-07-15', '67000', 'Strasbourg', 0, 'active', '2620767119187', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00025', 'Vincent', 'Arthur', DATE '1986-05-24', '31000', 'Toulouse', 15000, 'active', '1860531463994', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00026', 'Legrand', 'Lucas', DATE '1968-10-03', '44000', 'Nantes', 15000, 'closed', '1681044888681', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00027', 'Lefebvre', 'Louis', DATE '1973-09-03', '75011', 'Paris', 0, 'suspended', '1730975744918', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00028', 'Martin', 'Gabriel', DATE '1997-07-12', '67000', 'Strasbourg', 15000, 'active', '2970767333972', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00029', 'Francois', 'Mila', DATE '1952-01-09', '67000', 'Strasbourg', 0, 'active', '2520167618166', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00030', 'Garcia', 'Jules', DATE '1956-08-01', '75011', 'Paris', 15000, 'closed', '2560875848459', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00031', 'Thomas', 'Chloe', DATE '1979-01-25', '33000', 'Bordeaux', 38000, 'suspended', '1790133115496', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00032', 'Dubois', 'Chloe', DATE '1992-04-06', '44000', 'Nantes', 38000, 'active', '2920444777319', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00033', 'Mercier', 'Gabriel', DATE '1954-01-19', '35000', 'Rennes', 52075, 'suspended', '1540135517772', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00034', 'David', 'Alice', DATE '1955-05-22', '33000', 'Bordeaux', 61210, 'active', '2550533606433', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00035', 'David', 'Gabriel', DATE '1977-08-21', '44000', 'Nantes', 15000, 'active', '1770844179940', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00036', 'Moreau', 'Camille', DATE '2004-11-13', '31000', 'Toulouse', 24550, 'active', '1041131483346', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00037', 'Thomas', 'Ines', DATE '2001-11-26', '34000', 'Montpellier', 52075, 'suspended', '1011134390679', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00038', 'Richard', 'Manon', DATE '1975-01-27', '59000', 'Lille', 0, 'active', '1750159111329', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00039', 'Lefebvre', 'Adam', DATE '2001-05-20', '31000', 'Toulouse', 15000, 'closed', '2010531245475', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00040', 'Robert', 'Jade', DATE '1956-02-20', '44000', 'Nantes', 80000, 'active', '1560244107412', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00041', 'Francois', 'Camille', DATE '1954-08-15', '31000', 'Toulouse', 80000, 'active', '1540831852171', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00042', 'Dupont', 'Mila', DATE '1952-07-10', '44000', 'Nantes', 61210, 'active', '1520744209927', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00043', 'Dubois', 'Lea', DATE '1983-03-28', '31000', 'Toulouse', 38000, 'active', '1830331147525', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00044', 'Martinez', 'Nathan', DATE '1987-09-21', '44000', 'Nantes', 24550, 'active', '2870944156294', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00045', 'Morel', 'Lea', DATE '1982-04-04', '35000', 'Rennes', 61210, 'closed', '1820435446105', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00046', 'Petit', 'Adam', DATE '1982-03-03', '35000', 'Rennes', 52075, 'active', '1820335554709', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00047', 'Martinez', 'Lea', DATE '1992-04-21', '59000', 'Lille', 24550, 'active', '1920459188426', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00048', 'Durand', 'Mila', DATE '1978-08-03', '31000', 'Toulouse', 52075, 'suspended', '1780831536831', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00049', 'Robert', 'Rose', DATE '1997-02-10', '13005', 'Marseille', 61210, 'active', '1970213377636', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
('B00050', 'Leroy', 'Jade', DATE '1984-02-28', '34000', 'Montpellier', 61210, 'suspended', '1840234277143', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
