-- The admission ledger's cross-node lock (docs/api.md "Admission rules"), as a fixed set of rows instead of one row
-- per app and mobile. An accept group on MariaDB locks the stripes of its apps and mobiles with one locking read per
-- 512 stripes, in stripe order, before it reads their ledger: nothing is written per message, and nothing needs
-- pruning. send_lock (V5) cost an upsert and an index entry per new mobile, and a prune delete later. It is no longer
-- written or read, but stays for now: nodes still running the earlier version during a rolling upgrade write to it.
CREATE TABLE send_lock_stripe (
    stripe INT NOT NULL,
    PRIMARY KEY (stripe)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 4,096 stripes, 0..4095 (SendLedger.STRIPES): 16 x 16 x 16, written so H2 and MariaDB both run it.
INSERT INTO send_lock_stripe (stripe)
SELECT a.d * 256 + b.d * 16 + c.d
FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
      UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10
      UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) a
CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
      UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14
      UNION ALL SELECT 15) b
CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
      UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14
      UNION ALL SELECT 15) c;
