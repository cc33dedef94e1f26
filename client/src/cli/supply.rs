//! `healthnet supply`: products, lots, shipments, the stock card, cold chain, recalls,
//! requisitions, and the reads of stock, traces and the under-reporting check.

use clap::Subcommand;
use healthnet_client::{keys, period, supply, Error};
use healthnet_primitives::{
	supply::{OpenRequisition, Site, StockFigures, TraceStep},
	OrgId,
};
use serde_json::json;

use super::{
	output::{created, done, listing, parse_period, text, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum PrefixCommand {
	/// Record a manufacturer's GS1 company prefix (a key officer of the authority over it).
	Assign { org: OrgId, prefix: String },
	/// Withdraw a recorded company prefix.
	Withdraw { prefix: String },
}

#[derive(Subcommand)]
pub enum SupplyCommand {
	/// A manufacturer's GS1 company prefixes: it registers only GTINs under one it holds.
	#[command(subcommand)]
	Prefix(PrefixCommand),
	/// Register a product by its GTIN (a manufacturer).
	Product {
		/// 8 to 14 digits; the check digit is verified.
		#[arg(long)]
		gtin: String,
		/// vaccine, test-kit, medicine, device or consumable.
		#[arg(long)]
		kind: String,
		/// dose, test or vial.
		#[arg(long)]
		unit: String,
		/// Lowest storage temperature, in °C.
		#[arg(long, allow_negative_numbers = true)]
		min_celsius: f32,
		/// Highest storage temperature, in °C.
		#[arg(long, allow_negative_numbers = true)]
		max_celsius: f32,
		/// Minutes out of range it tolerates, added up at one site within the window.
		#[arg(long)]
		tolerance_minutes: u32,
		/// The window, in hours (1 to 8,784), within which minutes out of range add up.
		#[arg(long, default_value_t = 24)]
		tolerance_window_hours: u32,
		/// For a test kit, the disease it tests for (ICD-11 style, such as RA01).
		#[arg(long)]
		disease: Option<String>,
	},
	/// Make a lot of your product (a manufacturer).
	Lot {
		#[arg(long)]
		product: u32,
		/// The lot number, as printed.
		#[arg(long)]
		number: String,
		/// The last day it may be used (YYYY-MM-DD).
		#[arg(long, value_parser = parse_period)]
		expiry: u32,
		#[arg(long)]
		quantity: u32,
	},
	/// Ship lots to another holder: custody passes when it accepts.
	Ship {
		/// The receiving organisation.
		#[arg(long)]
		to: OrgId,
		/// LOT=QUANTITY, once per lot.
		#[arg(long = "lot", required = true)]
		lots: Vec<String>,
		/// The requisition it fulfils.
		#[arg(long)]
		requisition: Option<u32>,
	},
	/// Accept a shipment addressed to you; name what did not arrive as LOT=QUANTITY:REASON
	/// (damaged or missing).
	Accept {
		shipment: u32,
		#[arg(long = "short")]
		shortfalls: Vec<String>,
	},
	/// Refuse a shipment addressed to you: it goes back.
	Refuse { shipment: u32 },
	/// Call back a shipment you sent, before it is accepted.
	Cancel { shipment: u32 },
	/// Record units used: administered, dispensed or tests-used, on the day they were used.
	Use {
		#[arg(long)]
		lot: u32,
		#[arg(long)]
		quantity: u32,
		#[arg(long)]
		kind: String,
		/// The day the units were used: YYYY-MM-DD, today or yesterday (not in the future, and
		/// no further back than surveillance takes reports).
		#[arg(long, value_parser = parse_period, default_value = "today")]
		day: u32,
	},
	/// Record units wasted: expired, damaged, cold-chain-failure, lost, stolen or returned.
	Waste {
		#[arg(long)]
		lot: u32,
		#[arg(long)]
		quantity: u32,
		#[arg(long)]
		reason: String,
	},
	/// Record a physical count of a lot's available units; the difference is an adjustment.
	Count {
		#[arg(long)]
		lot: u32,
		#[arg(long)]
		counted: u32,
		/// Why fewer were found: damaged, lost, stolen, ...
		#[arg(long, default_value = "lost")]
		reason: String,
	},
	/// Register (or with --remove, remove) a temperature logger's account. Registration needs
	/// the logger's consent: its key here (--sensor-suri), or the proof it made
	/// (`supply sensor-proof`, --proof).
	Sensor {
		account: String,
		#[arg(long)]
		remove: bool,
		/// The logger's secret key, to sign its consent on this machine.
		#[arg(long, conflicts_with_all = ["proof", "remove"])]
		sensor_suri: Option<String>,
		/// The logger's consent (0x, 64 bytes) made where its key is.
		#[arg(long, conflicts_with = "remove")]
		proof: Option<String>,
	},
	/// Make a temperature logger's consent to report for a holder, offline, where the
	/// logger's key is; prints the proof for `supply sensor --proof`.
	SensorProof {
		/// The logger's secret key.
		#[arg(long)]
		sensor_suri: String,
		/// The holder's organisation id.
		#[arg(long)]
		holder: OrgId,
		/// The chain's genesis hash (`healthnet chain info` prints it).
		#[arg(long)]
		genesis: String,
	},
	/// Report a temperature excursion of a lot at a holder or in a shipment.
	Excursion {
		#[arg(long)]
		lot: u32,
		#[arg(long)]
		minutes: u32,
		#[arg(long, conflicts_with = "shipment", required_unless_present = "shipment")]
		holder: Option<OrgId>,
		#[arg(long)]
		shipment: Option<u32>,
	},
	/// Release (or with --condemn, destroy) a holder's quarantined units (an authority).
	Quarantine {
		#[arg(long)]
		holder: OrgId,
		#[arg(long)]
		lot: u32,
		#[arg(long)]
		condemn: bool,
	},
	/// Recall a lot: quality-defect, contamination, mislabelled, safety-signal or
	/// regulatory-action.
	Recall {
		#[arg(long)]
		lot: u32,
		#[arg(long)]
		reason: String,
	},
	/// Request units of a product; with --cancel ID, withdraw a requisition; with --open, list
	/// the open ones.
	Requisition {
		#[arg(long, required_unless_present_any = ["cancel", "open"])]
		product: Option<u32>,
		#[arg(long)]
		quantity: Option<u32>,
		#[arg(long)]
		cancel: Option<u32>,
		/// List the open requisitions (every page, or with --limit one page).
		#[arg(long)]
		open: bool,
		/// With --open, one page of at most this many (100 at most).
		#[arg(long, requires = "open")]
		limit: Option<u32>,
		/// With --limit, the page after this requisition (a page's `next`).
		#[arg(long, requires = "limit")]
		after: Option<u32>,
	},
	/// An organisation's stock per lot, or with --region a region's stock (of --product, or
	/// of all); with --withheld, the recalled lots and quarantined holdings. Stock is split
	/// into available (usable), quarantined, recalled and expired units.
	Stock {
		#[arg(long)]
		org: Option<OrgId>,
		#[arg(long, requires = "region")]
		product: Option<u32>,
		#[arg(long)]
		region: Option<String>,
		#[arg(long)]
		withheld: bool,
	},
	/// A lot and every step of its trace.
	Trace { lot: u32 },
	/// Facilities of a region whose report disagrees with the test kits they used, or is below
	/// the tests and positives their instruments attested.
	Gaps {
		#[arg(long)]
		region: String,
		#[arg(long)]
		disease: String,
		#[arg(long, value_parser = parse_period)]
		period: u32,
		/// The difference allowed, in percent of the larger number.
		#[arg(long, default_value_t = 10)]
		tolerance: u8,
	},
}

fn tenths(celsius: f32) -> Result<i16, Error> {
	let tenths = (celsius * 10.0).round();
	if !(-2_730.0..=1_000.0).contains(&tenths) {
		return Err(Error::BadInput(format!("{celsius} °C is not a storage temperature")));
	}
	Ok(tenths as i16)
}

pub async fn run(session: &Session, command: SupplyCommand) -> Result<Output, Error> {
	Ok(match command {
		SupplyCommand::Product {
			gtin,
			kind,
			unit,
			min_celsius,
			max_celsius,
			tolerance_minutes,
			tolerance_window_hours,
			disease,
		} => {
			let call = supply::register_product(
				supply::gtin(&gtin)?,
				supply::kind(&kind)?,
				supply::unit(&unit)?,
				(tenths(min_celsius)?, tenths(max_celsius)?),
				(tolerance_minutes, tolerance_window_hours),
				disease.as_deref(),
			)?;
			created(session.send(call).await?, "Supply", "ProductRegistered", |id| {
				format!("registered product {id}")
			})?
		},
		SupplyCommand::Lot { product, number, expiry, quantity } => created(
			session.send(supply::create_lot(product, &number, expiry, quantity)).await?,
			"Supply",
			"LotCreated",
			|id| {
				format!(
					"made lot {id} ({quantity} units of product {product}, expiring {})",
					period::date(expiry)
				)
			},
		)?,
		SupplyCommand::Ship { to, lots, requisition } => {
			let items =
				lots.iter().map(|pair| supply::lot_quantity(pair)).collect::<Result<_, _>>()?;
			created(
				session.send(supply::ship(to, items, requisition)).await?,
				"Supply",
				"ShipmentSent",
				|id| {
					format!(
						"sent shipment {id} to organisation {to}; it is in transit until accepted"
					)
				},
			)?
		},
		SupplyCommand::Accept { shipment, shortfalls } => {
			let shortfalls = shortfalls
				.iter()
				.map(|s| {
					let (pair, reason) = s.split_once(':').ok_or_else(|| {
						Error::BadInput(format!(
							"{s} is not LOT=QUANTITY:REASON, such as 3=2:damaged"
						))
					})?;
					let (lot, quantity) = supply::lot_quantity(pair)?;
					Ok((lot, quantity, supply::discrepancy(reason)?))
				})
				.collect::<Result<_, Error>>()?;
			done(
				session.send(supply::accept_shipment(shipment, shortfalls)?).await?,
				format!("accepted shipment {shipment}"),
			)
		},
		SupplyCommand::Refuse { shipment } => done(
			session.send(supply::refuse_shipment(shipment)).await?,
			format!("refused shipment {shipment}"),
		),
		SupplyCommand::Cancel { shipment } => done(
			session.send(supply::cancel_shipment(shipment)).await?,
			format!("cancelled shipment {shipment}"),
		),
		SupplyCommand::Use { lot, quantity, kind, day } => done(
			session.send(supply::record_use(lot, quantity, supply::use_kind(&kind)?, day)?).await?,
			format!("recorded {quantity} units of lot {lot} {kind} on {}", period::date(day)),
		),
		SupplyCommand::Waste { lot, quantity, reason } => done(
			session
				.send(supply::record_waste(lot, quantity, supply::waste_reason(&reason)?)?)
				.await?,
			format!("recorded {quantity} units of lot {lot} wasted ({reason})"),
		),
		SupplyCommand::Count { lot, counted, reason } => done(
			session
				.send(supply::record_count(lot, counted, supply::waste_reason(&reason)?)?)
				.await?,
			format!("recorded a count of {counted} units of lot {lot}"),
		),
		SupplyCommand::Sensor { account, remove, sensor_suri, proof } => {
			let sensor = keys::account(&account)?;
			if remove {
				return Ok(done(
					session.send(supply::remove_sensor(sensor)).await?,
					format!("removed sensor {account}"),
				));
			}
			let proof = match (sensor_suri, proof) {
				(Some(suri), _) => {
					let logger = keys::signer(&suri)?;
					if logger.public_key().to_account_id() != sensor {
						return Err(Error::BadInput(format!(
							"--sensor-suri is the key of {}, not of {account}",
							logger.public_key().to_account_id()
						)));
					}
					let (holder, ..) = session
						.client
						.organisation_of(&session.account()?)
						.await?
						.ok_or_else(|| {
							Error::BadInput("your account is a member of no organisation".into())
						})?;
					supply::sensor_proof(&logger, session.client.subxt().genesis_hash(), holder)
				},
				(None, Some(proof)) => hex::decode(proof.trim_start_matches("0x"))
					.ok()
					.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
					.ok_or_else(|| Error::BadInput("--proof is not 64 bytes of hex".into()))?,
				(None, None) => {
					return Err(Error::BadInput(
						"a logger is registered with its consent: give --sensor-suri (its key) or --proof (from `healthnet supply sensor-proof` where its key is)".into(),
					))
				},
			};
			done(
				session.send(supply::register_sensor(sensor, proof)).await?,
				format!("registered sensor {account}"),
			)
		},
		SupplyCommand::Prefix(PrefixCommand::Assign { org, prefix }) => done(
			session.send(supply::assign_company_prefix(org, &prefix)?).await?,
			format!("recorded prefix {prefix} for organisation {org}"),
		),
		SupplyCommand::Prefix(PrefixCommand::Withdraw { prefix }) => done(
			session.send(supply::withdraw_company_prefix(&prefix)?).await?,
			format!("withdrew prefix {prefix}"),
		),
		SupplyCommand::SensorProof { sensor_suri, holder, genesis } => {
			let logger = keys::signer(&sensor_suri)?;
			let genesis: subxt::utils::H256 = genesis
				.parse()
				.map_err(|_| Error::BadInput(format!("{genesis} is not a 0x block hash")))?;
			let proof = supply::sensor_proof(&logger, genesis, holder);
			let hex = format!("0x{}", hex::encode(proof));
			Output::new(
				hex.clone(),
				json!({ "sensor": logger.public_key().to_account_id().to_string(), "holder": holder, "proof": hex }),
			)
		},
		SupplyCommand::Excursion { lot, minutes, holder, shipment } => {
			let site = match (holder, shipment) {
				(Some(org), _) => Site::Holder(org),
				(None, Some(id)) => Site::Shipment(id),
				(None, None) => unreachable!("clap requires a holder or a shipment"),
			};
			done(
				session.send(supply::report_excursion(site, lot, minutes)?).await?,
				format!("reported {minutes} minutes out of range for lot {lot}"),
			)
		},
		SupplyCommand::Quarantine { holder, lot, condemn } => {
			if condemn {
				done(
					session.send(supply::condemn_quarantine(holder, lot)).await?,
					format!("condemned the quarantined units of lot {lot}"),
				)
			} else {
				done(
					session.send(supply::release_quarantine(holder, lot)).await?,
					format!("released the quarantined units of lot {lot}"),
				)
			}
		},
		SupplyCommand::Recall { lot, reason } => done(
			session.send(supply::recall_lot(lot, supply::recall_reason(&reason)?)?).await?,
			format!("recalled lot {lot}: nobody may ship or use it but to return or destroy it"),
		),
		SupplyCommand::Requisition { product, quantity, cancel, open, limit, after } => {
			match (product, cancel) {
				_ if open => {
					let line = |r: &OpenRequisition| {
						format!(
						"{}: organisation {} asks {} of product {}, {} received, {} awaiting release",
						r.id, r.requester, r.requested, r.product, r.received, r.awaiting_release
					)
					};
					match limit {
						Some(limit) => {
							let page = session.client.open_requisitions_page(after, limit).await?;
							let mut text =
								page.items.iter().map(line).collect::<Vec<_>>().join("\n");
							if let Some(next) = page.next {
								text.push_str(&format!(
									"\nmore after requisition {next} (--after {next})"
								));
							}
							Output::new(text, json!(page))
						},
						None => listing(
							&session.client.open_requisitions().await?,
							line,
							"no requisition is open".into(),
						),
					}
				},
				(_, Some(id)) => done(
					session.send(supply::cancel_requisition(id)).await?,
					format!("cancelled requisition {id}"),
				),
				(Some(product), None) => {
					let quantity = quantity
						.ok_or_else(|| Error::BadInput("give the --quantity requested".into()))?;
					created(
						session.send(supply::request_supplies(product, quantity)).await?,
						"Supply",
						"SuppliesRequested",
						|id| format!("requested {quantity} of product {product}: requisition {id}"),
					)?
				},
				(None, None) => unreachable!("clap requires a product, --cancel or --open"),
			}
		},
		SupplyCommand::Stock { org, product, region, withheld } => {
			if withheld {
				let recalled = session.client.recalled_lots().await?;
				let quarantined = session.client.quarantined_stock().await?;
				let text = format!(
					"recalled lots: {recalled:?}; quarantined (holder, lot, units): {quarantined:?}"
				);
				Output::new(text, json!({ "recalled": recalled, "quarantined": quarantined }))
			} else if let Some(region) = region.as_deref() {
				let stock = session.client.region_stock(product, region).await?;
				listing(
					&stock,
					|l| {
						format!(
							"organisation {}, lot {} of product {}: {}",
							l.holder,
							l.lot,
							l.product,
							figures(&l.figures)
						)
					},
					match product {
						Some(product) => format!("no stock of product {product} in {region}"),
						None => format!("no stock in {region}"),
					},
				)
			} else {
				let org = match org {
					Some(org) => org,
					None => session
						.client
						.organisation_of(&session.account()?)
						.await?
						.map(|(org, ..)| org)
						.ok_or_else(|| {
							Error::BadInput("give --org, or a --suri of a member".into())
						})?,
				};
				let stock = session.client.stock(org).await?;
				listing(
					&stock,
					|h| format!("lot {}: {}", h.lot, figures(&h.figures)),
					format!("organisation {org} holds no stock"),
				)
			}
		},
		SupplyCommand::Trace { lot } => {
			let view = session
				.client
				.lot(lot)
				.await?
				.ok_or_else(|| Error::NotFound(format!("there is no lot {lot}")))?;
			let trace = session.client.lot_trace(lot).await?;
			let t = view.totals;
			let mut lines = vec![format!(
				"lot {lot} ({}) of product {}, expiring {}{}: made {}, held {}, in transit {}, used {}, wasted {}",
				text(&view.number),
				view.product,
				period::date(view.expiry),
				if view.recalled.is_some() { ", RECALLED" } else { "" },
				t.produced, t.held, t.in_transit, t.used, t.wasted
			)];
			lines.extend(
				trace.iter().map(|e| format!("  block #{}: {}", e.block, step_words(&e.step))),
			);
			Output::new(lines.join("\n"), json!({ "lot": view, "trace": trace }))
		},
		SupplyCommand::Gaps { region, disease, period, tolerance } => {
			let gaps = session.client.reporting_gaps(&region, &disease, period, tolerance).await?;
			listing(
				&gaps,
				|g| {
					let reported = |n: Option<u32>| n.map_or("none".to_string(), |n| n.to_string());
					let mut found = Vec::new();
					if g.found.kits {
						found.push(format!("used {} test kits", g.tests_used));
					}
					if g.found.attested_tests {
						found.push(format!("its instruments attested {} tests", g.tests_attested));
					}
					if g.found.attested_positives {
						found.push(format!(
							"its instruments attested {} positives",
							g.positives_attested
						));
					}
					format!(
						"organisation {} reported {} tests, {} positive, but {}",
						g.org,
						reported(g.tests_reported),
						reported(g.positives_reported),
						found.join(" and ")
					)
				},
				format!("no facility of {region} differs by more than {tolerance}%"),
			)
		},
	})
}

fn step_words(step: &TraceStep) -> String {
	match step {
		TraceStep::Made { by, quantity } => format!("made {quantity} by organisation {by}"),
		TraceStep::Shipped { shipment, from, to, quantity } => {
			format!("{quantity} shipped from {from} to {to} (shipment {shipment})")
		},
		TraceStep::Received { shipment, accepted, short } => {
			format!("shipment {shipment} accepted: {accepted} received, {short} short")
		},
		TraceStep::Returned { shipment, quantity } => {
			format!("shipment {shipment} returned: {quantity}")
		},
		TraceStep::Excursion { site, minutes, quarantined } => {
			format!("{minutes} minutes out of range at {site:?}; {quarantined} quarantined")
		},
		TraceStep::Released { holder, quantity } => {
			format!("{quantity} released at organisation {holder}")
		},
		TraceStep::Condemned { holder, quantity } => {
			format!("{quantity} condemned at organisation {holder}")
		},
		TraceStep::Counted { holder, counted, difference } => {
			format!("organisation {holder} counted {counted} ({difference:+} against the record)")
		},
		TraceStep::Recalled { by, reason } => format!("RECALLED by organisation {by}: {reason:?}"),
	}
}

/// A holding's figures in words: only the available units may be shipped or used.
fn figures(f: &StockFigures) -> String {
	format!(
		"{} available, {} quarantined, {} recalled, {} expired",
		f.available, f.quarantined, f.recalled, f.expired
	)
}
