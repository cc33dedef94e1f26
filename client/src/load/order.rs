//! The order in which a load run visits the bench facilities.

/// The order in which each round of a run visits the first `accounts` bench facilities: a
/// fixed shuffle, as a real peak's forms come from facilities in no particular order, so that
/// a block's forms come from every cluster and district rather than from the 20-odd that
/// consecutive facilities share. The same for every run and every round, so an account's
/// transactions stay a round apart.
pub fn peak_order(accounts: u32) -> Vec<u32> {
	let mut order: Vec<u32> = (0..accounts).collect();
	// Fisher-Yates, drawing from splitmix64 with a fixed seed.
	let mut state: u64 = 0x4845_414c_5448_4e45;
	for i in (1..order.len()).rev() {
		state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = state;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^= z >> 31;
		order.swap(i, (z % (i as u64 + 1)) as usize);
	}
	order
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::collections::HashSet;

	#[test]
	fn a_peak_visits_every_facility_once_a_round_from_every_cluster() {
		use healthnet_primitives::bench::{FACILITIES, FACILITIES_PER_CLUSTER};
		let order = peak_order(FACILITIES);
		let mut sorted = order.clone();
		sorted.sort_unstable();
		assert_eq!(sorted, (0..FACILITIES).collect::<Vec<_>>());
		assert_eq!(order, peak_order(FACILITIES), "the same order every run");
		// A block's worth of forms (about 400) reaches every one of the 50 clusters; in
		// registry order it reached 20.
		let clusters = |window: &[u32]| {
			window.iter().map(|f| f / FACILITIES_PER_CLUSTER).collect::<HashSet<_>>().len()
		};
		assert_eq!(clusters(&(0..400).collect::<Vec<_>>()), 20);
		for start in [0, 300, 600] {
			assert_eq!(clusters(&order[start..start + 400]), 50);
		}
		assert_eq!(peak_order(1), vec![0]);
		assert!(peak_order(0).is_empty());
	}
}
