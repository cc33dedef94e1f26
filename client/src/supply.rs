//! The medical supply chain: builders of the supply pallet's calls, the words for product
//! kinds, units, uses, waste reasons and recall reasons, and the node's `healthnet_*` reads of
//! stock, lots, traces, requisitions, withheld stock and the under-reporting check.

use healthnet_primitives::{
	supply::{
		self as shared, Discrepancy, Gtin, LotHolding, LotId, LotView, OpenRequisition, ProductId,
		ProductKind, RecallReason, ReportingGap, RequisitionId, Site, StockLine, TraceEntry, Unit,
		UseKind, WasteReason,
	},
	surveillance::Period,
	BlockNumber, OrgId, Page,
};
use subxt::utils::AccountId32;
use subxt_rpcs::rpc_params;

use crate::{
	api::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
	words::{choose, same},
	Client, Error,
};

/// A product kind: `vaccine`, `test-kit`, `medicine`, `device`, `consumable`.
pub fn kind(word: &str) -> Result<ProductKind, Error> {
	choose(
		"product kind",
		word,
		&[
			("vaccine", ProductKind::Vaccine),
			("test-kit", ProductKind::TestKit),
			("medicine", ProductKind::Medicine),
			("device", ProductKind::Device),
			("consumable", ProductKind::Consumable),
		],
	)
}

/// A unit: `dose`, `test`, `vial`.
pub fn unit(word: &str) -> Result<Unit, Error> {
	choose("unit", word, &[("dose", Unit::Dose), ("test", Unit::Test), ("vial", Unit::Vial)])
}

/// A use: `administered`, `dispensed`, `tests-used`.
pub fn use_kind(word: &str) -> Result<UseKind, Error> {
	choose(
		"use",
		word,
		&[
			("administered", UseKind::Administered),
			("dispensed", UseKind::Dispensed),
			("tests-used", UseKind::TestsUsed),
		],
	)
}

/// A waste reason: `expired`, `damaged`, `cold-chain-failure`, `lost`, `stolen`, `returned`.
pub fn waste_reason(word: &str) -> Result<WasteReason, Error> {
	choose(
		"waste reason",
		word,
		&[
			("expired", WasteReason::Expired),
			("damaged", WasteReason::Damaged),
			("cold-chain-failure", WasteReason::ColdChainFailure),
			("lost", WasteReason::Lost),
			("stolen", WasteReason::Stolen),
			("returned", WasteReason::Returned),
		],
	)
}

/// A discrepancy: `damaged`, `missing`.
pub fn discrepancy(word: &str) -> Result<Discrepancy, Error> {
	choose(
		"discrepancy",
		word,
		&[("damaged", Discrepancy::Damaged), ("missing", Discrepancy::Missing)],
	)
}

/// A recall reason: `quality-defect`, `contamination`, `mislabelled`, `safety-signal`,
/// `regulatory-action`.
pub fn recall_reason(word: &str) -> Result<RecallReason, Error> {
	choose(
		"recall reason",
		word,
		&[
			("quality-defect", RecallReason::QualityDefect),
			("contamination", RecallReason::Contamination),
			("mislabelled", RecallReason::Mislabelled),
			("safety-signal", RecallReason::SafetySignal),
			("regulatory-action", RecallReason::RegulatoryAction),
		],
	)
}

/// A GTIN as people write it: 8 to 14 digits (GTIN-8, -12, -13 or -14), padded with zeros to
/// 14, its check digit verified before anything is sent.
pub fn gtin(text: &str) -> Result<Gtin, Error> {
	let digits = text.trim();
	if !(8..=14).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
		return Err(Error::BadInput(format!("{text} is not a GTIN: give 8 to 14 digits")));
	}
	let mut gtin = *b"00000000000000";
	gtin[14 - digits.len()..].copy_from_slice(digits.as_bytes());
	if !shared::gtin_is_valid(&gtin) {
		return Err(Error::BadInput(format!("{text} is not a GTIN: its check digit is wrong")));
	}
	Ok(gtin)
}

/// Reads `LOT=QUANTITY`, such as `3=100`.
pub fn lot_quantity(pair: &str) -> Result<(LotId, u32), Error> {
	let bad = || Error::BadInput(format!("{pair} is not LOT=QUANTITY, such as 3=100"));
	let (lot, quantity) = pair.split_once('=').ok_or_else(bad)?;
	Ok((lot.trim().parse().map_err(|_| bad())?, quantity.trim().parse().map_err(|_| bad())?))
}

/// A manufacturer registers a product: its minutes out of range tolerated, added up at one
/// site within `tolerance_window_hours`.
pub fn register_product(
	gtin: Gtin,
	kind: ProductKind,
	unit: Unit,
	temperature: (i16, i16),
	(tolerance_minutes, tolerance_window_hours): (u32, u32),
	disease: Option<&str>,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().register_product(
		gtin,
		same(&kind)?,
		same(&unit)?,
		temperature,
		tolerance_minutes,
		tolerance_window_hours,
		disease.map(|d| BoundedVec(d.as_bytes().to_vec())),
	))
}

/// A manufacturer makes a lot.
pub fn create_lot(
	product: ProductId,
	number: &str,
	expiry: Period,
	quantity: u32,
) -> impl subxt::tx::Payload {
	api::tx().supply().create_lot(product, BoundedVec(number.as_bytes().to_vec()), expiry, quantity)
}

/// A holder ships lots to another.
pub fn ship(
	to: OrgId,
	items: Vec<(LotId, u32)>,
	requisition: Option<u32>,
) -> impl subxt::tx::Payload {
	api::tx().supply().ship(to, BoundedVec(items), requisition)
}

/// The receiver accepts a shipment, but its shortfalls.
pub fn accept_shipment(
	shipment: u32,
	shortfalls: Vec<(LotId, u32, Discrepancy)>,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().accept_shipment(shipment, BoundedVec(same(&shortfalls)?)))
}

/// The receiver refuses a shipment.
pub fn refuse_shipment(shipment: u32) -> impl subxt::tx::Payload {
	api::tx().supply().refuse_shipment(shipment)
}

/// The sender cancels a shipment.
pub fn cancel_shipment(shipment: u32) -> impl subxt::tx::Payload {
	api::tx().supply().cancel_shipment(shipment)
}

/// A holder records a use on `day`.
pub fn record_use(
	lot: LotId,
	quantity: u32,
	kind: UseKind,
	day: Period,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().record_use(lot, quantity, same(&kind)?, day))
}

/// A holder records waste.
pub fn record_waste(
	lot: LotId,
	quantity: u32,
	reason: WasteReason,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().record_waste(lot, quantity, same(&reason)?))
}

/// A holder records a physical count.
pub fn record_count(
	lot: LotId,
	counted: u32,
	reason: WasteReason,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().record_count(lot, counted, same(&reason)?))
}

/// A temperature logger's consent to report for `holder` on the chain whose genesis is
/// `genesis`: its sr25519 signature, which the holder hands to [`register_sensor`]. Made where
/// the logger's key is, the device itself or the machine that provisions it.
pub fn sensor_proof(
	logger: &subxt_signer::sr25519::Keypair,
	genesis: subxt::utils::H256,
	holder: OrgId,
) -> [u8; 64] {
	let message = healthnet_primitives::supply::sensor_proof_message(&genesis.0, holder);
	logger.sign(&message).0
}

/// A holder's key officer registers a temperature logger with the logger's `proof`
/// ([`sensor_proof`]).
pub fn register_sensor(sensor: AccountId32, proof: [u8; 64]) -> impl subxt::tx::Payload {
	api::tx()
		.supply()
		.register_sensor(sensor, api::runtime_types::sp_runtime::MultiSignature::Sr25519(proof))
}

/// A key officer of an authority over manufacturer `org` records its GS1 company prefix
/// (`digits`, 6 to 12 of them).
pub fn assign_company_prefix(org: OrgId, digits: &str) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().assign_company_prefix(org, BoundedVec(company_prefix(digits)?)))
}

/// The authority withdraws a recorded company prefix.
pub fn withdraw_company_prefix(digits: &str) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().withdraw_company_prefix(BoundedVec(company_prefix(digits)?)))
}

/// `digits` as a GS1 company prefix: 6 to 12 digits.
fn company_prefix(digits: &str) -> Result<Vec<u8>, Error> {
	if !(6..=12).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
		return Err(Error::BadInput(format!(
			"{digits} is not a GS1 company prefix: 6 to 12 digits"
		)));
	}
	Ok(digits.as_bytes().to_vec())
}

/// The holder's key officer, or one of an authority over it, removes a temperature logger.
pub fn remove_sensor(sensor: AccountId32) -> impl subxt::tx::Payload {
	api::tx().supply().remove_sensor(sensor)
}

/// A holder, its sensor, or a party to a shipment reports an excursion.
pub fn report_excursion(
	site: Site,
	lot: LotId,
	minutes: u32,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().report_excursion(same(&site)?, lot, minutes))
}

/// An authority releases quarantined units.
pub fn release_quarantine(holder: OrgId, lot: LotId) -> impl subxt::tx::Payload {
	api::tx().supply().release_quarantine(holder, lot)
}

/// An authority condemns quarantined units.
pub fn condemn_quarantine(holder: OrgId, lot: LotId) -> impl subxt::tx::Payload {
	api::tx().supply().condemn_quarantine(holder, lot)
}

/// The manufacturer or a national authority recalls a lot.
pub fn recall_lot(lot: LotId, reason: RecallReason) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().supply().recall_lot(lot, same(&reason)?))
}

/// A facility requests supplies.
pub fn request_supplies(product: ProductId, quantity: u32) -> impl subxt::tx::Payload {
	api::tx().supply().request_supplies(product, quantity)
}

/// A facility cancels its requisition.
pub fn cancel_requisition(requisition: u32) -> impl subxt::tx::Payload {
	api::tx().supply().cancel_requisition(requisition)
}

impl Client {
	/// An organisation's stock per lot: every page of `healthnet_stock`, at the finalized
	/// block.
	pub async fn stock(&self, org: OrgId) -> Result<Vec<LotHolding>, Error> {
		self.every_page("healthnet_stock", &[org.into()]).await
	}

	/// `healthnet_lot`: a lot and where its units are.
	pub async fn lot(&self, lot: LotId) -> Result<Option<LotView<BlockNumber>>, Error> {
		self.request("healthnet_lot", rpc_params![lot]).await
	}

	/// `healthnet_lotTrace`: a lot's trace, in order.
	pub async fn lot_trace(&self, lot: LotId) -> Result<Vec<TraceEntry<BlockNumber>>, Error> {
		self.request("healthnet_lotTrace", rpc_params![lot]).await
	}

	/// The holdings in a region, per holder and lot, of one product or of all: every page of
	/// `healthnet_regionStock`, at the finalized block.
	pub async fn region_stock(
		&self,
		product: Option<ProductId>,
		region: &str,
	) -> Result<Vec<StockLine>, Error> {
		self.every_page("healthnet_regionStock", &[product.into(), region.into()]).await
	}

	/// Every requisition open or partly fulfilled, at the finalized block.
	pub async fn open_requisitions(&self) -> Result<Vec<OpenRequisition>, Error> {
		self.every_page("healthnet_openRequisitions", &[]).await
	}

	/// One page of `healthnet_openRequisitions`: at most `limit` after `after`.
	pub async fn open_requisitions_page(
		&self,
		after: Option<RequisitionId>,
		limit: u32,
	) -> Result<Page<OpenRequisition, RequisitionId>, Error> {
		self.request("healthnet_openRequisitions", rpc_params![after, limit]).await
	}

	/// Every recalled lot, at the finalized block.
	pub async fn recalled_lots(&self) -> Result<Vec<LotId>, Error> {
		self.every_page("healthnet_recalledLots", &[]).await
	}

	/// Every (holder, lot, units) quarantined, at the finalized block.
	pub async fn quarantined_stock(&self) -> Result<Vec<(OrgId, LotId, u32)>, Error> {
		self.every_page("healthnet_quarantinedStock", &[]).await
	}

	/// `healthnet_reportingGaps`: facilities whose tests used and reported disagree.
	pub async fn reporting_gaps(
		&self,
		region: &str,
		disease: &str,
		period: Period,
		tolerance_percent: u8,
	) -> Result<Vec<ReportingGap>, Error> {
		let leading = [region.into(), disease.into(), period.into(), tolerance_percent.into()];
		self.every_page("healthnet_reportingGaps", &leading).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn gtins_are_padded_and_checked() {
		assert_eq!(&gtin("8901234567890").unwrap(), b"08901234567890");
		assert_eq!(&gtin("10614141000415").unwrap(), b"10614141000415");
		assert!(gtin("8901234567891").unwrap_err().to_string().contains("check digit"));
		assert!(gtin("89O1234567890").is_err());
		assert_eq!(lot_quantity("3=100").unwrap(), (3, 100));
		assert!(lot_quantity("3:100").is_err());
	}
}
