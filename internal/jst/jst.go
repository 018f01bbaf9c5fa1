// Package jst defines Japan Standard Time once for shihyo: the zone of
// every time shown to staff (the status page, lock messages) and of a
// schedule without CRON_TZ=. It imports nothing of shihyo, so that any
// package, schedules included, may use it without depending on the
// pipeline.
package jst

import "time"

// Name is the zone database name of Japan time, as staff write it in
// CRON_TZ= or TZ=.
const Name = "Asia/Tokyo"

// Location is Japan Standard Time, UTC+9. Japan has had no daylight saving
// time since 1951, so a fixed zone gives the same wall clock as Asia/Tokyo
// for every time shihyo handles, and needs no zoneinfo on the machine.
var Location = time.FixedZone("JST", 9*60*60)
