-- Every stored decision: a full reload stores them all anew.
DELETE FROM decisions
