//! Why a supply call fails: every refusal names its reason, and changes nothing.

use super::*;

/// The pallet's errors.
#[pallet_section]
mod errors {
	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a member account of any organisation.
		NotAMember,
		/// A GS1 company prefix is 6 to 12 digits.
		BadCompanyPrefix,
		/// The prefix, one it extends or one that extends it is already recorded.
		PrefixTaken,
		/// The manufacturer holds the most company prefixes allowed.
		TooManyPrefixes,
		/// No manufacturer holds this prefix.
		UnknownPrefix,
		/// The GTIN lies under no company prefix the manufacturer holds: an authority records
		/// the manufacturer's GS1 prefix first.
		GtinNotYours,
		/// No organisation has this id.
		UnknownOrganisation,
		/// The logger's proof is not its signature over this chain and this holder.
		BadSensorProof,
		/// The holder has registered the most temperature loggers allowed.
		TooManySensors,
		/// The logger's holder is suspended or holds stock no more: its loggers report
		/// nothing.
		SensorHolderNotActive,
		/// The caller does not hold the stock-keeper role in its organisation.
		NotAStockKeeper,
		/// The caller does not hold the key-officer role (loggers, recalls) in its
		/// organisation.
		NotAKeyOfficer,
		/// The caller does not hold the reviewer role in its authority.
		NotAReviewer,
		/// The caller's organisation is suspended.
		OrganisationNotActive,
		/// Only a manufacturer (manufacture capability) may do this.
		NotAManufacturer,
		/// Only an organisation that holds stock (hold-stock or manufacture capability) may do this.
		NotAHolder,
		/// A GTIN is 14 digits whose last is the GS1 check digit.
		MalformedGtin,
		/// This GTIN is registered already.
		GtinTaken,
		/// The lowest storage temperature is above the highest.
		TemperatureRangeInverted,
		/// Only a test kit names a disease, and a test kit must.
		DiseaseOnlyForTestKits,
		/// A disease code is 2 or more uppercase letters and digits with at most one `.` inside.
		MalformedDiseaseCode,
		/// No product has this id.
		UnknownProduct,
		/// The product is another manufacturer's.
		NotYourProduct,
		/// This lot number is used already for the product.
		LotNumberTaken,
		/// A lot number must not be empty.
		EmptyLotNumber,
		/// A quantity must be above zero.
		ZeroQuantity,
		/// The expiry date has passed.
		Expired,
		/// No lot has this id.
		UnknownLot,
		/// The holder does not have that many units available.
		InsufficientStock,
		/// Those units are quarantined after a cold-chain excursion, until an authority over the
		/// holder releases them.
		StockQuarantined,
		/// A shipment must carry at least one lot, each once.
		BadItems,
		/// The receiver is not an active organisation that holds stock, or is the sender.
		BadReceiver,
		/// The lot is recalled: it may only go back to its manufacturer or be destroyed.
		LotIsRecalled,
		/// No shipment has this id.
		UnknownShipment,
		/// Only the shipment's receiver may accept or refuse it.
		NotReceiver,
		/// Only the shipment's sender may cancel it.
		NotSender,
		/// The shipment was accepted, refused or cancelled already.
		ShipmentClosed,
		/// A shortfall names a lot the shipment does not carry, or more than was sent.
		BadShortfall,
		/// The product is not of a kind this use applies to.
		WrongUse,
		/// The waste reason does not apply: only expired stock is wasted as expired.
		WrongWasteReason,
		/// A count finds again only units this holder recorded as lost or stolen of this lot.
		CountExceedsRecordedLosses,
		/// The count equals the record: there is nothing to adjust.
		NothingToAdjust,
		/// This account is a sensor already, or a member of an organisation.
		SensorTaken,
		/// No sensor has this account, or it is another organisation's.
		UnknownSensor,
		/// The reporter is neither a member nor a sensor of the stock's holder.
		NotAtSite,
		/// There is no stock of the lot at the site to quarantine or release.
		NoStockThere,
		/// Only an authority over the holder's region may decide on its quarantine.
		NotAuthorityOverHolder,
		/// Only the manufacturer or a national authority over it may recall a lot.
		CannotRecall,
		/// The lot was recalled already.
		AlreadyRecalled,
		/// No requisition has this id.
		UnknownRequisition,
		/// The requisition is fulfilled or cancelled.
		RequisitionClosed,
		/// A shipment for a requisition goes to its requester and carries its product only.
		RequisitionMismatch,
		/// Only the requesting facility may cancel its requisition.
		NotRequester,
		/// The lot's trace is full (its last tenth is kept for custody steps and a recall).
		TraceFull,
		/// The day of a use has not begun.
		UseDayNotBegun,
		/// A use is recorded at most `MaxUseAge` days back: the days surveillance still takes
		/// reports for.
		UseDayTooOld,
		/// A product's tolerance window is at least one hour.
		EmptyToleranceWindow,
		/// A product's tolerance window is at most a year (8,784 hours).
		ToleranceWindowTooLong,
		/// The requester has the most requisitions open (or waiting for a quarantine decision)
		/// allowed: one must be fulfilled or cancelled first.
		TooManyOpenRequisitions,
		/// A counter reached its limit.
		IdsExhausted,
		/// Only an organisation that provides care (provide-care capability) administers or
		/// dispenses to patients.
		NotACareProvider,
	}
}
