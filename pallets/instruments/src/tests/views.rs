//! What apps read: an instrument, a holder's instruments a page at a time, the days its
//! instruments attested.

use healthnet_primitives::{
	instruments::{Outcome::*, TestKind::*, TestsAttested},
	Page,
};

use super::*;

#[test]
fn apps_read_instruments_and_what_they_attested() {
	new_test_ext().execute_with(|| {
		assert_eq!(Instruments::instrument_view(PCR), None);
		for instrument in [PCR, SEQUENCER, READER] {
			register(instrument);
		}
		let view = Instruments::instrument_view(SEQUENCER).unwrap();
		assert_eq!(
			(view.holder, view.kind, &view.model[..], view.status, view.next_batch),
			(LAB, InstrumentKind::Sequencer, &b"MiSeq"[..], InstrumentStatus::Active, 0)
		);
		// Pages of two, each after the last, until there is no next one.
		let first = Instruments::instruments_of(LAB, None, 2);
		assert_eq!(first.items.len(), 2);
		let second = Instruments::instruments_of(LAB, first.next.clone(), 2);
		assert_eq!((second.items.len(), second.next), (1, None));
		let mut read: Vec<u64> =
			first.items.iter().chain(&second.items).map(|view| view.account).collect();
		read.sort();
		assert_eq!(read, vec![PCR, SEQUENCER, READER]);
		assert_eq!(
			Instruments::instruments_of(CLINIC, None, 2),
			Page { items: vec![], next: None }
		);

		let pcr =
			vec![result(TODAY - 2, "RA01", Pcr, Positive), result(TODAY, "RA01", Pcr, Negative)];
		assert_ok!(attest(LAB_REPORTER, batch(PCR, pcr)));
		assert_ok!(attest(LAB_REPORTER, batch(SEQUENCER, vec![sequenced(TODAY, "JN.1")])));
		let days = Instruments::attested_days(LAB, b"RA01".to_vec(), TODAY - 5, TODAY);
		let periods: Vec<u32> = days.iter().map(|day| day.period).collect();
		assert_eq!(periods, vec![TODAY - 2, TODAY]);
		assert_eq!(days[1].counts.sequenced, 1);
		assert_eq!(days[1].lineages, vec![(b"JN.1".to_vec(), 1)]);
		// A range is cut to a year; a code no disease could have reads nothing.
		let long = Instruments::attested_days(LAB, b"RA01".to_vec(), TODAY - 400, TODAY);
		assert!(long.is_empty(), "cut to the 366 days from TODAY - 400");
		assert!(Instruments::attested_days(LAB, vec![b'A'; 64], 0, TODAY).is_empty());
		// What the supply pallet's under-reporting check reads.
		let counts = <Instruments as TestsAttested>::attested(LAB, b"RA01", TODAY - 2);
		assert_eq!((counts.tests, counts.positives), (1, 1));
	});
}
