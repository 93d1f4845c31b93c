-- Disclosures of AI use are ledger events (`disclosure.recorded`); only a project's legal
-- reviewers record them, which the database enforces itself (a modified client gains
-- nothing). Events moved in with a project were recorded elsewhere under the same rule.
-- On one computer the one person holds every role (sqlite has no rule to add).

CREATE FUNCTION greenlight_check_disclosure() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF NEW.kind = 'disclosure.recorded' AND NOT greenlight_importing(NEW.chain)
       AND NOT greenlight_has_role(NEW.chain, 'legal_reviewer', current_user) THEN
        RAISE EXCEPTION 'only a legal reviewer of the project records disclosures'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_disclosures BEFORE INSERT ON events
FOR EACH ROW EXECUTE FUNCTION greenlight_check_disclosure();
