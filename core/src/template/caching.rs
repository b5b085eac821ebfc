//! Caching in front of a database: cache-aside with ElastiCache.

use super::Template;
use super::build::{Builder, scenario};
use crate::catalog::Kind;
use crate::design::GroupKind;

/// Users → ALB → Auto Scaling group → ElastiCache, then RDS on a miss.
pub(super) fn cache_aside() -> Template {
    let mut b = Builder::new("Cache-aside with ElastiCache");
    b.frame(GroupKind::Region, "us-east-1", 180.0, 60.0, 660.0, 340.0);
    let users = b.node(Kind::Users, "Users", 90.0, 220.0);
    let alb = b.node(Kind::Alb, "ALB", 280.0, 220.0);
    let asg = b.node(Kind::Asg, "App tier", 460.0, 220.0);
    let cache = b.node(Kind::ElastiCache, "Redis cache", 640.0, 130.0);
    let db = b.node(Kind::Rds, "Database", 640.0, 310.0);
    b.set(users, "rate", 500.0);
    b.set(asg, "azs", 2.0);
    b.set(asg, "health_check", "elb");
    // Light work per request: the cache holds the data it reads.
    b.set(asg, "service_ms", 10.0);
    b.set(cache, "hit_ratio", 80.0);
    // A small database: 8 queries at once of 20 ms each, about 400 per
    // second, so it holds only while the cache answers most reads.
    b.set(db, "connections", 8.0);
    b.set(db, "service_ms", 20.0);
    b.set(db, "multi_az", true);
    b.link(users, alb);
    b.link(alb, asg);
    // The order of the calls is the order of the code: cache first, then
    // the database only when the cache missed.
    b.link(asg, cache);
    b.link(asg, db);
    b.text("Reads: cache first, database on a miss", 360.0, 420.0);
    Template {
        id: "cache-aside",
        name: "Cache-aside with ElastiCache",
        note: "The application asks the cache first and goes to the database only on a miss, \
               then fills the cache. With an 80 % hit ratio the database sees 20 % of the reads \
               plus every write (writes go through): with the scenario's 20 % writes, \
               0.2 × 0.8 + 0.2 = 36 % of the traffic, about 180 of 500 requests per second, \
               well inside the database's 400 per second. Try: lower the cache's hit ratio to 0 \
               (a cold cache after a restart) and watch the database saturate and the app tier back \
               up behind it; or remove \
               the cache and give the database link a probability of 0.36 to model the same \
               misses from a cache inside your own process.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}
