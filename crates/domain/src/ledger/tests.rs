use super::*;
use crate::events::payloads::ProjectState;
use crate::project::ProjectKind;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn body(n: i64) -> EventBody {
    EventBody::ProjectUpdated(ProjectState {
        title: format!("Title é\"\n{n}"),
        logline: String::new(),
        kind: ProjectKind::Feature,
        archived: n % 2 == 0,
    })
}

fn draft(chain: Option<&str>, n: i64) -> EventDraft {
    EventDraft {
        actor: UserId::from("u1"),
        subject: format!("project:{n}"),
        project_id: chain.map(ProjectId::from),
        body: body(n),
    }
}

/// Appends to the chains held in `chains`, as the store does.
fn append(chains: &mut BTreeMap<ChainId, Vec<Event>>, d: EventDraft, at: i64) {
    let u = d.unlinked(at);
    let list = chains.entry(u.chain.clone()).or_default();
    let prev = list.last().map(|e| (e.seq, e.hash.as_str()));
    let e = link(u, prev);
    list.push(e);
}

/// Verifies each chain against `heads`; the problems found, in chain order.
fn verify(
    chains: &BTreeMap<ChainId, Vec<Event>>,
    heads: &BTreeMap<ChainId, (i64, String)>,
) -> Vec<LedgerProblem> {
    let mut out = Vec::new();
    for (chain, events) in chains {
        let mut v = ChainVerifier::new(chain.as_str());
        let mut broken = None;
        for e in events {
            if let Err(p) = v.push(e) {
                broken = Some(p);
                break;
            }
        }
        let head = heads.get(chain).map(|(s, h)| (*s, h.as_str()));
        match broken {
            Some(p) => out.push(*p),
            None => {
                if let Err(p) = v.finish(head) {
                    out.push(*p)
                }
            }
        }
    }
    out
}

fn heads_of(chains: &BTreeMap<ChainId, Vec<Event>>) -> BTreeMap<ChainId, (i64, String)> {
    chains
        .iter()
        .filter_map(|(c, es)| es.last().map(|e| (c.clone(), (e.seq, e.hash.clone()))))
        .collect()
}

fn build(n: i64) -> BTreeMap<ChainId, Vec<Event>> {
    let mut chains = BTreeMap::new();
    for i in 0..n {
        append(&mut chains, draft(Some("p1"), i), 1_700_000_000_000 + i);
    }
    chains
}

fn p1() -> ChainId {
    ChainId::Project(ProjectId::from("p1"))
}

#[test]
fn intact_chains_verify() {
    let mut chains = build(5);
    append(&mut chains, draft(None, 9), 1);
    append(&mut chains, draft(Some("p2"), 9), 2);
    assert_eq!(verify(&chains, &heads_of(&chains)), vec![]);
    assert_eq!(chains[&p1()].last().map(|e| e.seq), Some(5));
    assert_eq!(chains[&ChainId::Workspace][0].seq, 1);
}

#[test]
fn tampered_payload_is_located() {
    let mut chains = build(5);
    let heads = heads_of(&chains);
    if let Some(e) = chains.get_mut(&p1()).and_then(|c| c.get_mut(2)) {
        e.payload = e.payload.replace("true", "false");
    }
    let problems = verify(&chains, &heads);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].chain.as_str(), problems[0].seq),
        ("p1", Some(3))
    );
    assert!(problems[0].reason.contains("changed"), "{problems:?}");
}

#[test]
fn an_event_moved_to_another_chain_is_detected() {
    let mut chains = build(1);
    let heads = heads_of(&chains);
    let mut moved = chains[&p1()][0].clone();
    moved.chain = ChainId::Project(ProjectId::from("p2"));
    chains.insert(moved.chain.clone(), vec![moved]);
    let problems = verify(&chains, &heads);
    assert!(problems.iter().any(|p| p.chain == "p2"), "{problems:?}");
}

#[test]
fn every_field_is_covered_by_the_hash() {
    let e = &build(1)[&p1()][0];
    let base = event_hash(e);
    let mut variants = vec![e.clone(); 10];
    variants[0].seq += 1;
    variants[1].id = EventId::from("other");
    variants[2].at += 1;
    variants[3].actor = UserId::from("u2");
    variants[4].kind.push('x');
    variants[5].subject.push('x');
    variants[6].chain = ChainId::Workspace;
    variants[7].prev_hash = "1".repeat(64);
    variants[8].schema_version = 1;
    variants[9].payload.push(' ');
    for v in &variants {
        assert_ne!(event_hash(v), base, "{v:?}");
    }
}

#[derive(Debug, Clone)]
enum Tamper {
    Payload(usize),
    Delete(usize),
    Rehash(usize),
    Truncate(usize),
    Swap(usize),
}

fn tamper() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        any::<usize>().prop_map(Tamper::Payload),
        any::<usize>().prop_map(Tamper::Delete),
        any::<usize>().prop_map(Tamper::Rehash),
        any::<usize>().prop_map(Tamper::Truncate),
        any::<usize>().prop_map(Tamper::Swap),
    ]
}

proptest! {
    /// Random appends to three chains, then one tampering of one chain: the tampered chain
    /// and no other is reported, at the event where the tampering shows.
    #[test]
    fn every_tampering_is_detected_and_located(
        appends in proptest::collection::vec(0u8..3, 1..40),
        target in 0u8..3,
        how in tamper(),
    ) {
        let names = [None, Some("p1"), Some("p2")];
        let mut chains = BTreeMap::new();
        for (i, c) in appends.iter().enumerate() {
            append(&mut chains, draft(names[*c as usize], i as i64), i as i64);
        }
        let heads = heads_of(&chains);
        prop_assert!(verify(&chains, &heads).is_empty());
        let chain = ChainId::of(names[target as usize].map(ProjectId::from).as_ref());
        let Some(events) = chains.get_mut(&chain) else { return Ok(()); };
        let n = events.len();
        // Expected: the seq where the problem is reported.
        let expected = match how {
            Tamper::Payload(k) => {
                let k = k % n;
                events[k].payload.push(' ');
                k as i64 + 1
            }
            Tamper::Delete(k) => {
                let k = k % n;
                events.remove(k);
                k as i64 + if k + 1 == n { 1 } else { 2 }
            }
            Tamper::Rehash(k) => {
                let k = k % n;
                events[k].actor = UserId::from("mallory");
                events[k].hash = event_hash(&events[k]);
                // The next link breaks; the newest event breaks the recorded head instead.
                k as i64 + if k + 1 == n { 1 } else { 2 }
            }
            Tamper::Truncate(k) => {
                let keep = k % n;
                events.truncate(keep);
                keep as i64 + 1
            }
            Tamper::Swap(k) => {
                if n < 2 { return Ok(()); }
                let k = k % (n - 1);
                events.swap(k, k + 1);
                // The later event is found first, out of place.
                k as i64 + 2
            }
        };
        let problems = verify(&chains, &heads);
        prop_assert_eq!(problems.len(), 1, "{:?}", problems);
        prop_assert_eq!(problems[0].chain.as_str(), chain.as_str());
        prop_assert_eq!(problems[0].seq, Some(expected), "{:?}", problems);
    }
}
