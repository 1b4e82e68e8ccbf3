-- One more row of send_lock_stripe (V27), outside the stripes 0..4095: it stands for the whole admission ledger. An
-- accept group of more than 64 stripes locks this row exclusively instead of its stripes; a smaller group locks it in
-- share mode first, then its stripes (SendLedger). A large group shares a stripe with nearly any concurrent group, so
-- it waited anyway, and one lock costs the database far less than one per stripe.
-- During a rolling upgrade, nodes still running an earlier version lock stripes only: between them and upgraded
-- nodes the admission limits are exact again once every node runs this version.
INSERT INTO send_lock_stripe (stripe) VALUES (-1);
