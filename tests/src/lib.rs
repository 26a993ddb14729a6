//! Shared helpers for the integration tests: the browser-test harness (a static server that is
//! also the browser's logging proxy, chromedriver management, and the request audit).

pub mod browser_driver;
pub mod calc_page;
pub mod harness;
pub mod request_audit;
pub mod site_server;
