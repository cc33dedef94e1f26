//! What the supply pallet, its runtime API, the node's `healthnet_*` RPC and the client share:
//! product, lot, shipment and requisition ids, the kinds and reasons of the stock card
//! (OpenLMIS-style), a lot's totals and trace, GTIN checking, and the supply runtime API.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::{surveillance::Period, OrgId, Page};

/// Numbers a product, in the order products were registered.
pub type ProductId = u32;
/// Numbers a lot.
pub type LotId = u32;
/// Numbers a shipment.
pub type ShipmentId = u32;
/// Numbers a requisition.
pub type RequisitionId = u32;
/// A temperature in tenths of a degree Celsius (`-700` is -70.0 °C).
pub type DeciCelsius = i16;

/// What a temperature logger signs to consent to report for a holder: this tag, the chain's
/// genesis hash and the holder's organisation id, SCALE-encoded. Its signature proves that
/// whoever registers the logger holds its key, and that the logger agreed to this holder.
pub const SENSOR_PROOF_TAG: &[u8] = b"healthnet/supply/sensor/v1";

/// The message a temperature logger signs for `holder` on the chain whose genesis is
/// `genesis`.
pub fn sensor_proof_message<Hash: Encode>(genesis: &Hash, holder: OrgId) -> Vec<u8> {
	(SENSOR_PROOF_TAG, genesis, holder).encode()
}

/// A GS1 Global Trade Item Number: 14 ASCII digits, the last a check digit.
pub type Gtin = [u8; 14];

/// The GS1 check digit (an ASCII digit) of the 13 ASCII digits before it: from the right,
/// digits are weighted 3, 1, 3, ...; the check digit brings the sum to a multiple of 10.
pub fn gtin_check_digit(first_thirteen: &[u8; 13]) -> u8 {
	let sum: u32 = first_thirteen
		.iter()
		.rev()
		.enumerate()
		.map(|(i, d)| u32::from(d.wrapping_sub(b'0')) * if i % 2 == 0 { 3 } else { 1 })
		.sum();
	b'0' + ((10 - sum % 10) % 10) as u8
}

/// Whether `gtin` is 14 digits whose last is the GS1 check digit of the first 13.
pub fn gtin_is_valid(gtin: &Gtin) -> bool {
	let first: &[u8; 13] = gtin[..13].try_into().expect("13 of 14 bytes");
	gtin.iter().all(u8::is_ascii_digit) && gtin[13] == gtin_check_digit(first)
}

shared_enum! {
	/// What a product is.
	pub enum ProductKind {
		/// A vaccine.
		Vaccine,
		/// A diagnostic test kit; its uses are compared with the tests reported.
		TestKit,
		/// A medicine.
		Medicine,
		/// A medical device.
		Device,
		/// A consumable: syringes, swabs, gloves.
		Consumable,
	}
}

shared_enum! {
	/// The unit a product is counted in.
	pub enum Unit {
		/// One dose.
		Dose,
		/// One test.
		Test,
		/// One vial.
		Vial,
	}
}

shared_enum! {
	/// What a use of stock was (an OpenLMIS issue).
	pub enum UseKind {
		/// Doses given to patients.
		Administered,
		/// Units handed out to patients.
		Dispensed,
		/// Tests performed.
		TestsUsed,
	}
}

shared_enum! {
	/// Why stock left without being used (an OpenLMIS negative adjustment).
	pub enum WasteReason {
		/// Past its expiry date.
		Expired,
		/// Broken or spoiled.
		Damaged,
		/// Out of its temperature range too long.
		ColdChainFailure,
		/// Not found.
		Lost,
		/// Taken.
		Stolen,
		/// Sent back outside the chain (a recalled lot destroyed by the manufacturer).
		Returned,
	}
}

shared_enum! {
	/// Why part of a shipment did not arrive as sent.
	pub enum Discrepancy {
		/// Arrived broken or spoiled.
		Damaged,
		/// Did not arrive.
		Missing,
	}
}

shared_enum! {
	/// Why a manufacturer or an authority recalled a lot.
	pub enum RecallReason {
		/// A quality defect.
		QualityDefect,
		/// Contamination.
		Contamination,
		/// Wrong labelling.
		Mislabelled,
		/// A safety signal from surveillance of adverse events.
		SafetySignal,
		/// The authority withdrew the product's approval.
		RegulatoryAction,
	}
}

shared_enum! {
	/// Where a shipment stands.
	pub enum ShipmentStatus {
		/// Sent; the sender no longer holds it and the receiver does not yet.
		InTransit,
		/// The receiver took custody of what arrived.
		Accepted,
		/// The receiver refused it; it went back to the sender.
		Refused,
		/// The sender called it back before it was accepted.
		Cancelled,
	}
}

shared_enum! {
	/// Where a requisition stands.
	pub enum RequisitionStatus {
		/// Nothing received yet.
		Open,
		/// Some received, not all.
		PartlyFulfilled,
		/// All received.
		Fulfilled,
		/// Withdrawn by the facility.
		Cancelled,
	}
}

/// Where a lot's units are: for every lot, `produced = held + in_transit + used + wasted`.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct LotTotals {
	/// Made by the manufacturer.
	pub produced: u64,
	/// Held by organisations, quarantined or not.
	pub held: u64,
	/// In shipments not yet accepted, refused or cancelled.
	pub in_transit: u64,
	/// Administered, dispensed or used in tests.
	pub used: u64,
	/// Wasted, net of units a count found again.
	pub wasted: u64,
}

impl LotTotals {
	/// Whether every unit made is somewhere.
	pub fn is_conserved(&self) -> bool {
		u128::from(self.produced)
			== u128::from(self.held)
				+ u128::from(self.in_transit)
				+ u128::from(self.used)
				+ u128::from(self.wasted)
	}
}

/// An organisation's stock of one lot.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Holding {
	/// Units it may ship and use.
	pub available: u32,
	/// Units held back after a cold-chain excursion, until its authority decides.
	pub quarantined: u32,
}

/// Where an excursion happened.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Site {
	/// At an organisation's store.
	Holder(OrgId),
	/// In a shipment on its way.
	Shipment(ShipmentId),
}

/// One step of a lot's trace: its custody, excursions, quarantines and recall.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum TraceStep {
	/// The manufacturer made it.
	Made {
		/// The manufacturer.
		by: OrgId,
		/// Units made.
		quantity: u32,
	},
	/// Units left an organisation in a shipment.
	Shipped {
		/// The shipment.
		shipment: ShipmentId,
		/// The sender.
		from: OrgId,
		/// The receiver.
		to: OrgId,
		/// Units sent.
		quantity: u32,
	},
	/// The receiver took custody.
	Received {
		/// The shipment.
		shipment: ShipmentId,
		/// Units accepted.
		accepted: u32,
		/// Units that did not arrive as sent.
		short: u32,
	},
	/// A shipment went back to its sender.
	Returned {
		/// The shipment.
		shipment: ShipmentId,
		/// Units returned.
		quantity: u32,
	},
	/// A temperature excursion.
	Excursion {
		/// Where.
		site: Site,
		/// How long out of range.
		minutes: u32,
		/// Units quarantined because of it (0 within the product's tolerance).
		quarantined: u32,
	},
	/// An authority released quarantined units.
	Released {
		/// The holder.
		holder: OrgId,
		/// Units released.
		quantity: u32,
	},
	/// An authority condemned quarantined units.
	Condemned {
		/// The holder.
		holder: OrgId,
		/// Units destroyed.
		quantity: u32,
	},
	/// A holder counted its available units and the record followed the count.
	Counted {
		/// The holder.
		holder: OrgId,
		/// Units counted.
		counted: u32,
		/// Units found (above zero) or lost (below zero) against the record.
		difference: i64,
	},
	/// The lot was recalled.
	Recalled {
		/// By which organisation.
		by: OrgId,
		/// Why.
		reason: RecallReason,
	},
}

/// A step of a lot's trace and the block it happened in.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct TraceEntry<BlockNumber> {
	/// The block.
	pub block: BlockNumber,
	/// What happened.
	pub step: TraceStep,
}

/// A lot as apps read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct LotView<BlockNumber> {
	/// The lot.
	pub lot: LotId,
	/// Its product.
	pub product: ProductId,
	/// Its lot number, as printed.
	pub number: Vec<u8>,
	/// The last day it may be used.
	pub expiry: Period,
	/// Where its units are.
	pub totals: LotTotals,
	/// When and why it was recalled.
	pub recalled: Option<(BlockNumber, RecallReason)>,
}

/// A facility whose report disagrees with another source: the test kits it used, or the
/// tests and positives its instruments attested.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ReportingGap {
	/// The facility.
	pub org: OrgId,
	/// Test kits it recorded as used for the disease and period.
	pub tests_used: u32,
	/// Tests it reported to surveillance (`None`: no report).
	pub tests_reported: Option<u32>,
	/// Positive tests it reported (`None`: no report).
	pub positives_reported: Option<u32>,
	/// Diagnostic tests its instruments attested.
	pub tests_attested: u32,
	/// Positive ones among them.
	pub positives_attested: u32,
	/// Which comparisons disagree beyond the tolerance.
	pub found: GapFindings,
}

/// Which of a facility's sources disagree with its report. Instruments attest some of a
/// facility's tests, not always all: only a report below them is a gap.
#[derive(
	Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize,
)]
pub struct GapFindings {
	/// Test kits used and tests reported differ by more than the tolerance of the larger.
	pub kits: bool,
	/// The report has fewer tests than its instruments attested, by more than the tolerance
	/// of what they attested.
	pub attested_tests: bool,
	/// The report has fewer positives than its instruments attested, likewise.
	pub attested_positives: bool,
}

impl GapFindings {
	/// The findings of a report (`reported`, none when there is no report) against `used`
	/// test kits and what instruments `attested`, with `tolerance_percent`.
	pub fn of(
		used: u32,
		reported: Option<ReportedTests>,
		attested: (u32, u32),
		tolerance_percent: u8,
	) -> GapFindings {
		let tolerance = u64::from(tolerance_percent);
		let reported = reported.unwrap_or_default();
		let differs =
			|a: u32, b: u32| u64::from(a.abs_diff(b)) * 100 > u64::from(a.max(b)) * tolerance;
		let below = |reported: u32, attested: u32| {
			reported < attested
				&& u64::from(attested - reported) * 100 > u64::from(attested) * tolerance
		};
		GapFindings {
			kits: differs(used, reported.performed),
			attested_tests: below(reported.performed, attested.0),
			attested_positives: below(reported.positive, attested.1),
		}
	}

	/// Whether any comparison disagrees.
	pub fn any(&self) -> bool {
		self.kits || self.attested_tests || self.attested_positives
	}
}

/// The tests of a facility's report for a disease and day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportedTests {
	/// Tests performed.
	pub performed: u32,
	/// Of which positive.
	pub positive: u32,
}

/// What a holding, or a sum of holdings, is made of: only `available` units may be shipped
/// or used. A unit of a recalled lot counts as recalled, whether available or quarantined
/// before; else a quarantined unit as quarantined; else a unit past its lot's expiry day as
/// expired; else as available.
#[derive(
	Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize,
)]
pub struct StockFigures {
	/// Units that may be shipped and used.
	pub available: u64,
	/// Units held back after a cold-chain excursion, until an authority decides.
	pub quarantined: u64,
	/// Units of a recalled lot: to be returned or destroyed.
	pub recalled: u64,
	/// Units past their lot's expiry day: to be destroyed.
	pub expired: u64,
}

impl StockFigures {
	/// Adds `other` to these figures.
	pub fn add(&mut self, other: &StockFigures) {
		self.available = self.available.saturating_add(other.available);
		self.quarantined = self.quarantined.saturating_add(other.quarantined);
		self.recalled = self.recalled.saturating_add(other.recalled);
		self.expired = self.expired.saturating_add(other.expired);
	}

	/// Every unit the figures count.
	pub fn held(&self) -> u64 {
		self.available
			.saturating_add(self.quarantined)
			.saturating_add(self.recalled)
			.saturating_add(self.expired)
	}
}

/// A holding of one lot as the `healthnet_stock` RPC method answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotHolding {
	/// The lot.
	pub lot: LotId,
	/// What the holding is made of.
	#[serde(flatten)]
	pub figures: StockFigures,
}

/// One holder's stock of one lot, as a region's stock lists it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct StockLine {
	/// The holder.
	pub holder: OrgId,
	/// The lot.
	pub lot: LotId,
	/// The lot's product.
	pub product: ProductId,
	/// What the holding is made of.
	pub figures: StockFigures,
}

/// A requisition still open.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct OpenRequisition {
	/// Its id.
	pub id: RequisitionId,
	/// The requesting facility.
	pub requester: OrgId,
	/// The product.
	pub product: ProductId,
	/// Units requested.
	pub requested: u32,
	/// Usable units received so far: available on arrival, or released from quarantine since.
	pub received: u32,
	/// Units that arrived quarantined for it and wait for an authority's decision.
	pub awaiting_release: u32,
}

/// What the supply pallet asks surveillance, through the runtime: the tests a facility
/// reported performing for a disease on a day.
pub trait TestsReported {
	/// The tests performed and positive of the facility's current report, if it has one that
	/// counts.
	fn tests_reported(org: OrgId, disease: &[u8], period: Period) -> Option<ReportedTests>;
}

/// What other pallets may know of a lot, through the runtime: the certificates pallet asks
/// whether a vaccination's lot is a vaccine and whether it was recalled.
pub trait LotRecalls<BlockNumber> {
	/// The kind of the lot's product, if the lot exists.
	fn product_kind(lot: LotId) -> Option<ProductKind>;
	/// The block the lot was recalled at, if it was.
	fn recalled_at(lot: LotId) -> Option<BlockNumber>;
}

sp_api::decl_runtime_apis! {
	/// What apps read of the supply chain. Every listing answers a page of at most
	/// [`crate::MAX_PAGE`] items after a cursor, read at one block.
	pub trait SupplyApi<BlockNumber> where BlockNumber: codec::Codec {
		/// An organisation's stock of each lot after `after`, by lot.
		fn stock_of(org: OrgId, after: Option<LotId>, limit: u32) -> Page<(LotId, StockFigures), LotId>;
		/// A lot and where its units are.
		fn lot(lot: LotId) -> Option<LotView<BlockNumber>>;
		/// Every step of a lot's trace, in order (at most the runtime's `MaxTraceLength` and a recall).
		fn trace(lot: LotId) -> Vec<TraceEntry<BlockNumber>>;
		/// The holdings of organisations in a region (and the regions in it), of one product
		/// or of all: a page of the chain's holdings after `after`, of which those that match.
		fn region_stock(product: Option<ProductId>, region: Vec<u8>, after: Option<(OrgId, LotId)>, limit: u32) -> Page<StockLine, (OrgId, LotId)>;
		/// The requisitions still open or partly fulfilled, after `after`.
		fn open_requisitions(after: Option<RequisitionId>, limit: u32) -> Page<OpenRequisition, RequisitionId>;
		/// The recalled lots among lots `from`, `from + 1`, ...
		fn recalled_lots(from: LotId, limit: u32) -> Page<LotId, LotId>;
		/// The (holder, lot, units) held back in quarantine: a page of the chain's holdings
		/// after `after`, of which those with quarantined units.
		fn quarantined_stock(after: Option<(OrgId, LotId)>, limit: u32) -> Page<(OrgId, LotId, u32), (OrgId, LotId)>;
		/// The facilities of a region, among organisations `from`, `from + 1`, ..., whose tests
		/// used for a disease on a day differ from the tests they reported by more than
		/// `tolerance_percent` of the larger, or whose reported tests or positives are below
		/// what their instruments attested by more than `tolerance_percent` of that.
		fn reporting_gaps(region: Vec<u8>, disease: Vec<u8>, period: Period, tolerance_percent: u8, from: OrgId, limit: u32) -> Page<ReportingGap, OrgId>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn gtin_check_digits_are_verified() {
		// GS1's example GTIN-14, and a GTIN-13 padded with a zero.
		assert!(gtin_is_valid(b"10614141000415"));
		assert!(gtin_is_valid(b"04006381333931"));
		assert!(!gtin_is_valid(b"10614141000416"));
		assert!(!gtin_is_valid(b"1061414100041A"));
	}

	#[test]
	fn totals_are_conserved_when_every_unit_is_somewhere() {
		let totals = LotTotals { produced: 10, held: 4, in_transit: 3, used: 2, wasted: 1 };
		assert!(totals.is_conserved());
		assert!(!LotTotals { wasted: 0, ..totals }.is_conserved());
	}
}
