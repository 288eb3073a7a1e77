-- Outbound calls (invariant 1): what we know about our Calls.json request for a reserved call.
-- NULL for calls we did not create (inbound); 'pending' while Twilio is asked, 'created' once a
-- CallSid is attached, 'unknown' after a timeout, connection error or 5xx (reconciled by listing
-- calls at Twilio, never by dialling again), 'refused' when Twilio answered with an error.
ALTER TABLE calls ADD COLUMN creation_state TEXT;

CREATE INDEX calls_creation_state ON calls (creation_state);
