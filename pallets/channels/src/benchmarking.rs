//! Benchmarks of every call at its worst case: the longest name, a channel full of members to
//! close, a member's last share of the day, a first read.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;

/// An open channel of `T::BenchmarkHelper`'s authority with `members` further members (at
/// most the helper's organisations): the authority's account and the members.
fn channel_with<T: Config>(members: u32) -> (T::AccountId, alloc::vec::Vec<(OrgId, T::AccountId)>) {
	let (authority, others) = T::BenchmarkHelper::organisations(members);
	let name: NameOf<T> = vec![b'N'; T::MaxNameLength::get() as usize].try_into().expect("longest");
	let expires = Pallet::<T>::now() + T::MaxLifetime::get();
	Pallet::<T>::create_channel(
		RawOrigin::Signed(authority.clone()).into(),
		name,
		ChannelPurpose::ResearchAgreement,
		expires,
	)
	.expect("the helper's authority creates a channel");
	for (org, _) in &others {
		Pallet::<T>::add_member(RawOrigin::Signed(authority.clone()).into(), 0, *org)
			.expect("the helper's organisations may join a research agreement");
	}
	(authority, others)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_channel() {
		let (authority, _) = T::BenchmarkHelper::organisations(0);
		let name: NameOf<T> =
			vec![b'N'; T::MaxNameLength::get() as usize].try_into().expect("longest");
		let expires = Pallet::<T>::now() + T::MaxLifetime::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), name, ChannelPurpose::ResearchAgreement, expires);

		assert!(Channels::<T>::contains_key(0));
	}

	#[benchmark]
	fn add_member() {
		let (authority, others) = channel_with::<T>(0);
		let (_, all) = T::BenchmarkHelper::organisations(1);
		let org = all[0].0;
		let _ = others;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), 0, org);

		assert!(Members::<T>::contains_key(0, org));
	}

	#[benchmark]
	fn remove_member() {
		let (authority, others) = channel_with::<T>(1);
		let org = others[0].0;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), 0, org);

		assert!(!Members::<T>::contains_key(0, org));
	}

	#[benchmark]
	fn close_channel(m: Linear<1, { T::MaxMembers::get() - 1 }>) {
		let (authority, _) = channel_with::<T>(m);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), 0);

		assert!(Channels::<T>::get(0).is_some_and(|c| c.closed));
	}

	#[benchmark]
	fn share_document() {
		let (_, others) = channel_with::<T>(1);
		let (org, member) = others[0].clone();
		// Its last share of the day.
		let today = (Pallet::<T>::now() / healthnet_primitives::surveillance::PERIOD_MILLIS) as u32;
		Shares::<T>::insert(0, org, DayCount { day: today, count: T::MaxSharesPerDay::get() - 1 });

		#[extrinsic_call]
		_(RawOrigin::Signed(member), 0, DocumentKind::Sequences, [7u8; 32]);

		assert!(Documents::<T>::contains_key(0, 0));
	}

	#[benchmark]
	fn record_read() {
		let (_, others) = channel_with::<T>(1);
		let (_, member) = others[0].clone();
		Pallet::<T>::share_document(
			RawOrigin::Signed(member.clone()).into(),
			0,
			DocumentKind::LineList,
			[7u8; 32],
		)
		.expect("a member shares");

		#[extrinsic_call]
		_(RawOrigin::Signed(member.clone()), 0, 0);

		assert!(Reads::<T>::contains_key((0, 0, member)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
