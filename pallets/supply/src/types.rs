//! The supply chain's storage records. What apps read (ids, kinds, reasons, totals, trace
//! steps) is defined in `healthnet_primitives::supply` and re-exported here.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{surveillance::Period, OrgId};
use scale_info::TypeInfo;

pub use healthnet_primitives::supply::*;

use crate::Config;

/// A GS1 company prefix: 6 to 12 ASCII digits.
pub type CompanyPrefix = BoundedVec<u8, frame_support::traits::ConstU32<12>>;

/// A product a manufacturer registered.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxDisease))]
pub struct Product<MaxDisease: Get<u32>> {
	/// Its GTIN.
	pub gtin: Gtin,
	/// The manufacturer.
	pub manufacturer: OrgId,
	/// What it is.
	pub kind: ProductKind,
	/// What it is counted in.
	pub unit: Unit,
	/// The lowest storage temperature.
	pub min_temperature: DeciCelsius,
	/// The highest storage temperature.
	pub max_temperature: DeciCelsius,
	/// How many minutes out of range it tolerates, added up over its window, before it must
	/// be quarantined.
	pub tolerance_minutes: u32,
	/// The window, in hours, within which the minutes out of range at one site add up.
	pub tolerance_window_hours: u32,
	/// For a test kit, the disease code (ICD-11 style) it tests for.
	pub disease: Option<BoundedVec<u8, MaxDisease>>,
}

/// A lot of a product.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxNumber))]
pub struct Lot<BlockNumber, MaxNumber: Get<u32>> {
	/// Its product.
	pub product: ProductId,
	/// Its lot number, as printed.
	pub number: BoundedVec<u8, MaxNumber>,
	/// The last day it may be used.
	pub expiry: Period,
	/// Where its units are.
	pub totals: LotTotals,
	/// When and why it was recalled.
	pub recalled: Option<(BlockNumber, RecallReason)>,
	/// How many steps its trace has.
	pub trace_length: u32,
}

/// A shipment on its way: its sender, receiver, lots and quantities. It leaves storage when it
/// is accepted, refused or cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxItems))]
pub struct Shipment<BlockNumber, MaxItems: Get<u32>> {
	/// The sender.
	pub from: OrgId,
	/// The receiver.
	pub to: OrgId,
	/// (lot, units sent, of which quarantined on the way).
	pub items: BoundedVec<(LotId, u32, u32), MaxItems>,
	/// The requisition it fulfils.
	pub requisition: Option<RequisitionId>,
	/// The block it left.
	pub sent_at: BlockNumber,
}

/// A facility's request for a product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Requisition {
	/// The facility.
	pub requester: OrgId,
	/// The product.
	pub product: ProductId,
	/// Units requested.
	pub requested: u32,
	/// Usable units received in shipments that cite it: available on arrival, or released
	/// from quarantine since.
	pub received: u32,
	/// Units that arrived quarantined for it and wait for an authority's decision.
	pub awaiting_release: u32,
	/// Where it stands. A fulfilled or cancelled requisition is removed from storage once no
	/// unit awaits a decision for it.
	pub status: RequisitionStatus,
}

impl Requisition {
	/// Whether shipments may still cite it.
	pub fn is_open(&self) -> bool {
		matches!(self.status, RequisitionStatus::Open | RequisitionStatus::PartlyFulfilled)
	}
}

/// The longest window in which a product's minutes out of range add up: a year.
pub const MAX_TOLERANCE_WINDOW_HOURS: u32 = 24 * 366;

/// A product as the runtime stores it.
pub type ProductOf<T> = Product<<T as Config>::MaxDiseaseCodeLength>;
/// A lot as the runtime stores it.
pub type LotOf<T> = Lot<BlockNumberFor<T>, <T as Config>::MaxLotNumberLength>;
/// A shipment as the runtime stores it.
pub type ShipmentOf<T> = Shipment<BlockNumberFor<T>, <T as Config>::MaxItemsPerShipment>;
/// A lot number as a call gives it.
pub type LotNumber<T> = BoundedVec<u8, <T as Config>::MaxLotNumberLength>;
/// A disease code as a call gives it.
pub type DiseaseCode<T> = BoundedVec<u8, <T as Config>::MaxDiseaseCodeLength>;
/// A shipment's lots and units as a call gives them.
pub type Items<T> = BoundedVec<(LotId, u32), <T as Config>::MaxItemsPerShipment>;
/// Units that did not arrive as sent, per lot, as an acceptance gives them.
pub type Shortfalls<T> = BoundedVec<(LotId, u32, Discrepancy), <T as Config>::MaxItemsPerShipment>;
