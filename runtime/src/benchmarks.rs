//! The pallets whose calls the node's `benchmark pallet` command measures.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_timestamp, Timestamp]
	[pallet_registry, Registry]
	[pallet_surveillance, Surveillance]
	[pallet_records, Records]
	[pallet_supply, Supply]
	[pallet_certificates, Certificates]
	[pallet_instruments, Instruments]
	[pallet_channels, Channels]
	[pallet_environment, Environment]
	[pallet_validators, Validators]
);
