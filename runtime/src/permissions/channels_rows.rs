//! The channels pallet's rows of the origin matrix: Karnataka's outbreak channel 0, with
//! Jayanagar Health Centre as a member where a call needs one.

use healthnet_primitives::{
	channels::{ChannelPurpose, DocumentKind},
	surveillance::PERIOD_MILLIS,
};

use super::{bounded, rows::JAYANAGAR, Row, Who};
use crate::{Runtime, RuntimeCall};

fn channels(call: pallet_channels::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Channels(call)
}

/// Karnataka creates channel 0 for ten days from the matrix's clock.
fn create() -> RuntimeCall {
	let expires = pallet_timestamp::Now::<Runtime>::get() + 10 * PERIOD_MILLIS;
	channels(pallet_channels::Call::create_channel {
		name: bounded("Dengue, Bengaluru Urban"),
		purpose: ChannelPurpose::OutbreakInvestigation,
		expires,
	})
}

pub(super) fn channel_rows() -> Vec<Row> {
	use pallet_channels::Call::*;
	let created = || vec![(Who::Authority, create())];
	let joined = move || {
		let mut steps = created();
		steps.push((Who::Authority, channels(add_member { channel: 0, org: JAYANAGAR })));
		steps
	};
	let shared = move || {
		let mut steps = joined();
		steps.push((
			Who::Clinic,
			channels(share_document { channel: 0, kind: DocumentKind::LineList, hash: [1; 32] }),
		));
		steps
	};
	vec![
		Row::lazy(Vec::new, create),
		Row::lazy(created, || channels(add_member { channel: 0, org: JAYANAGAR })),
		Row::lazy(joined, || channels(remove_member { channel: 0, org: JAYANAGAR })),
		Row::lazy(created, || channels(close_channel { channel: 0 })),
		Row::lazy(joined, || {
			channels(share_document { channel: 0, kind: DocumentKind::Sequences, hash: [2; 32] })
		}),
		Row::lazy(shared, || channels(record_read { channel: 0, index: 0 })),
	]
}
