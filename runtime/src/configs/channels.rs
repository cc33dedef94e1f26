//! Secured channels: how many organisations share one, how many an authority keeps open, how
//! long one lasts and how much one member shares in a day.

use frame_support::parameter_types;
use healthnet_primitives::surveillance::PERIOD_MILLIS;

use crate::{Registry, Runtime, Timestamp};

parameter_types! {
	/// A channel's name: "Dengue outbreak, Bengaluru Urban, 2026".
	pub const MaxChannelNameLength: u32 = 64;
	/// Members of a channel: a state authority, its laboratories and districts, the national
	/// authority, the WHO and a few institutes.
	pub const MaxChannelMembers: u32 = 32;
	/// Channels an authority has open at once.
	pub const MaxOpenChannels: u32 = 64;
	/// A channel lasts at most two years: a research data agreement's usual term.
	pub const MaxChannelLifetime: u64 = 730 * PERIOD_MILLIS;
	/// Documents one member shares in a channel in a day: a laboratory's daily line lists and
	/// sequencing runs.
	pub const MaxSharesPerDay: u32 = 50;
}

impl pallet_channels::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	type MaxNameLength = MaxChannelNameLength;
	type MaxMembers = MaxChannelMembers;
	type MaxOpenChannels = MaxOpenChannels;
	type MaxLifetime = MaxChannelLifetime;
	type MaxSharesPerDay = MaxSharesPerDay;
	type WeightInfo = pallet_channels::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::ChannelsBenchmarks;
}
