//! Random sequences of every call by authorities, members and outsiders, with the clock moving
//! on: a refused call changes nothing, and after every step a channel's member count is its
//! members, the organisations' index mirrors the members, an authority's open count is its
//! open channels, no bound is passed, and only a member that may read has read.

use std::collections::BTreeSet;

use healthnet_testing as testing;
use proptest::prelude::*;

use super::*;
use crate::{Documents, OrgChannels, Shares};

const ORGS: [OrgId; 7] = [KARNATAKA, KERALA, LAB, INSTITUTE, CLINIC, HOSPITAL, MORE];

#[derive(Clone, Debug)]
enum Step {
	Create { by: u64, research: bool, days: u64 },
	Add { by: u64, channel: u32, org: OrgId },
	Remove { by: u64, channel: u32, org: OrgId },
	Close { by: u64, channel: u32 },
	Share { by: u64, channel: u32, byte: u8 },
	Read { by: u64, channel: u32, index: u32 },
	Wait { days: u64 },
}

fn caller() -> impl Strategy<Value = u64> {
	prop_oneof![
		4 => Just(account(KARNATAKA)),
		2 => Just(account(KERALA)),
		2 => Just(account(LAB)),
		1 => Just(LAB_STOCK_KEEPER),
		1 => Just(LAB_REVIEWER),
		2 => Just(account(INSTITUTE)),
		2 => Just(account(CLINIC)),
		1 => Just(account(HOSPITAL)),
		1 => Just(999u64),
	]
}

fn step() -> impl Strategy<Value = Step> {
	let channel = 0..4u32;
	let org = proptest::sample::select(ORGS.to_vec());
	prop_oneof![
		2 => (caller(), any::<bool>(), 1..40u64).prop_map(|(by, research, days)| Step::Create { by, research, days }),
		4 => (caller(), channel.clone(), org.clone()).prop_map(|(by, channel, org)| Step::Add { by, channel, org }),
		2 => (caller(), channel.clone(), org).prop_map(|(by, channel, org)| Step::Remove { by, channel, org }),
		1 => (caller(), channel.clone()).prop_map(|(by, channel)| Step::Close { by, channel }),
		4 => (caller(), channel.clone(), 0..6u8).prop_map(|(by, channel, byte)| Step::Share { by, channel, byte }),
		4 => (caller(), channel, 0..4u32).prop_map(|(by, channel, index)| Step::Read { by, channel, index }),
		1 => (0..4u64).prop_map(|days| Step::Wait { days }),
	]
}

fn run(step: &Step) -> DispatchResult {
	match *step {
		Step::Create { by, research, days } => Channels::create_channel(
			RuntimeOrigin::signed(by),
			name("Channel"),
			if research {
				ChannelPurpose::ResearchAgreement
			} else {
				ChannelPurpose::OutbreakInvestigation
			},
			(<healthnet_testing::Clock as frame_support::traits::UnixTime>::now().as_millis()
				as u64) + days * DAY,
		),
		Step::Add { by, channel, org } => add(by, channel, org),
		Step::Remove { by, channel, org } => remove(by, channel, org),
		Step::Close { by, channel } => Channels::close_channel(RuntimeOrigin::signed(by), channel),
		Step::Share { by, channel, byte } => share(by, channel, byte),
		Step::Read { by, channel, index } => read(by, channel, index),
		Step::Wait { days } => {
			testing::set_now(
				(<healthnet_testing::Clock as frame_support::traits::UnixTime>::now().as_millis()
					as u64) + days * DAY,
			);
			Ok(())
		},
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn memberships_counts_and_reads_hold_after_every_call(
		steps in proptest::collection::vec(step(), 1..60)
	) {
		new_test_ext().execute_with(|| {
			// Who may read each channel, before each read: a read that succeeds must be one.
			for step in &steps {
				let allowed = match step {
					Step::Read { by, channel, .. } => Some(Channels::may_read(*channel, *by)),
					_ => None,
				};
				let result = testing::refusal_changes_nothing(step, || run(step))
					.map_err(TestCaseError::fail)?;
				if let (Some(allowed), Ok(())) = (allowed, &result) {
					prop_assert!(allowed, "{:?} read without being allowed to", step);
				}
				let mut open = std::collections::BTreeMap::<OrgId, u32>::new();
				for (id, record) in ChannelRecords::<Test>::iter() {
					let members: BTreeSet<OrgId> = Members::<Test>::iter_key_prefix(id).collect();
					prop_assert_eq!(record.members as usize, members.len());
					prop_assert!(record.members <= MaxMembers::get());
					if record.closed {
						prop_assert!(members.is_empty());
					} else {
						prop_assert!(members.contains(&record.creator), "the creator stays");
						*open.entry(record.creator).or_default() += 1;
					}
					for org in &members {
						prop_assert!(OrgChannels::<Test>::contains_key(org, id));
					}
					prop_assert_eq!(Documents::<Test>::iter_prefix(id).count() as u32, record.documents);
				}
				for (org, id, ()) in OrgChannels::<Test>::iter() {
					prop_assert!(Members::<Test>::contains_key(id, org));
				}
				for (org, count) in OpenChannels::<Test>::iter() {
					prop_assert_eq!(count, open.get(&org).copied().unwrap_or(0));
					prop_assert!(count <= MaxOpenChannels::get());
				}
				for (_, _, shares) in Shares::<Test>::iter() {
					prop_assert!(shares.count <= MaxSharesPerDay::get());
				}
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
