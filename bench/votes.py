"""Benchmark of public voting: throughput, latency and the quota under load.

Starts the app under gunicorn on PostgreSQL (``DATABASE_URL``, or by default a
database of its own on the local server, created and dropped here), creates
a showcase in its voting stage with works and verified voters, then drives
~32 concurrent clients over 127.0.0.1: every voter tries more votes than the
quota allows (some far more, some retrying with the same idempotency key),
and the requests of one voter run on different clients at once. In the same
run the same clients drive a trivial endpoint of the same stack (same
middleware, no database work), as many requests as votes. The run takes
``--rounds`` turns, each with its own voters: a turn of votes and a turn of
the trivial endpoint, in alternating order, so that a machine that speeds up
or slows down during the run moves both figures alike. Each request opens
its own connection unless ``--keep-alive`` is given. Nothing is timed before
every worker has answered pings and one vote of each of 128 warm-up voters
(connections open, statements prepared).

Afterwards it checks the database: no voter over the daily quota or the
per-work limit, every tally equal to its count of valid votes, every
accepted answer stored once and nothing stored that was not accepted. The
last line is::

    votes_per_s=<n> p99_ms=<n> trivial_per_s=<n> ratio=<votes/trivial> violations=<n>

``votes_per_s`` counts vote requests answered (accepted or refused with the
quota message: both run the voting transaction) over the time of the vote
turns; ``p99_ms`` is their 99th percentile latency.

Usage: ``.venv/bin/python bench/votes.py [--voters N] [--rounds N]
[--clients N] [--port P] [--workers N] [--threads N] [--keep-alive]``
"""

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    Gunicorn,
    Request,
    Stats,
    app_env,
    drive,
    migrate,
    setup_django,
    throwaway_database,
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # Voters of each round.
    parser.add_argument("--voters", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--works", type=int, default=40)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--processes", type=int, default=4)
    # The web processes of docs/deployment.md for a 2-core host.
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--database", default="hgj_bench_votes")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--seed", type=int, default=20260704)
    # Each request on a new connection by default, as from many phones: a
    # kept-alive connection stays with the worker that accepted it, and how
    # 32 of them fall on two workers made runs differ by half.
    parser.add_argument("--keep-alive", action="store_true")
    return parser.parse_args()


def create_data(voters, works):
    """A showcase open for votes, its works, voters and their bearer tokens."""
    from django.utils import timezone

    from accounts.models import User
    from accounts.tokens import issue_token
    from organizations.models import PropertyCompany
    from showcase.enums import Direction, WorkKind, WorkState
    from showcase.models import Showcase, Work
    from showcase.stages import planned_dates

    now = timezone.now()
    dates = planned_dates(now - dt.timedelta(days=34))
    # All clients come from 127.0.0.1, as residents behind one carrier NAT
    # would: the per-IP limit is set high so that it does not cap the run.
    showcase = Showcase.objects.create(
        year=2026,
        title="压力测试成果展演",
        ip_votes_per_minute=10**6,
        device_votes_per_minute=10**6,
        **dates,
    )
    company = PropertyCompany.objects.create(
        name="压力测试物业", credit_code="91350200MA00000010"
    )
    submitter = User.objects.create(username="bench-submitter")
    work_rows = Work.objects.bulk_create(
        Work(
            showcase=showcase,
            title=f"压测作品{n}",
            kind=WorkKind.SHORT_VIDEO,
            direction=Direction.WARM_SERVICE,
            authors="压测",
            company=company,
            submitter=submitter,
            state=WorkState.APPROVED,
            submitted_at=now - dt.timedelta(days=5),
            approved_at=now - dt.timedelta(days=4, seconds=-n),
        )
        for n in range(works)
    )
    users = User.objects.bulk_create(
        User(
            username=f"bench-voter-{n}",
            mobile=f"139{n:08d}",
            mobile_verified_at=now - dt.timedelta(days=1),
        )
        for n in range(voters)
    )
    tokens = [issue_token(user, device="bench") for user in users]
    return showcase, [w.pk for w in work_rows], [u.pk for u in users], tokens


def vote_plans(tokens, work_ids, *, clients, rng):
    """Each voter's attempts, shuffled over the clients.

    A third of the voters try 3 votes (exactly the quota), a third 5 and a
    third 8; one attempt in ten repeats an earlier attempt's idempotency key.
    """
    requests = []
    for index, token in enumerate(tokens):
        attempts = (3, 5, 8)[index % 3]
        chosen = rng.sample(work_ids, attempts)
        keys = [f"v{index}-{n}" for n in range(attempts)]
        for n, work_id in enumerate(chosen):
            requests.append(_vote(token, work_id, keys[n]))
            if rng.random() < 0.1:
                requests.append(_vote(token, work_id, keys[n], tag="retry"))
    rng.shuffle(requests)
    return [requests[i::clients] for i in range(clients)], len(requests)


def _vote(token, work_id, key, tag="vote"):
    return Request(
        "POST",
        f"/api/v1/showcase/works/{work_id}/vote",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        },
        body=b"{}",
        tag=tag,
    )


def trivial_plans(count, token, *, clients):
    request = Request(
        "GET",
        "/api/v1/showcase/ping",
        headers={"Authorization": f"Bearer {token}"},
        tag="trivial",
    )
    return [[request] * (count // clients) for _ in range(clients)]


def warm_up_votes(tokens, work_ids, *, clients):
    """One vote of each warm-up voter, all within the quota."""
    requests = [
        _vote(token, work_ids[n % len(work_ids)], f"warm{n}")
        for n, token in enumerate(tokens)
    ]
    return [requests[i::clients] for i in range(clients)]


def check_database(showcase, stats, warm_up):
    """The number of rule violations found in the stored votes."""
    from django.db.models import Count, Q

    from showcase.models import Vote, Work

    violations = 0
    per_day = (
        Vote.objects.filter(showcase=showcase)
        .values("voter", "day")
        .annotate(n=Count("id"))
        .filter(n__gt=showcase.votes_per_day)
    )
    violations += per_day.count()
    per_work = (
        Vote.objects.filter(showcase=showcase)
        .values("voter", "work", "day")
        .annotate(n=Count("id"))
        .filter(n__gt=showcase.votes_per_work_per_day)
    )
    violations += per_work.count()
    tallies = Work.objects.filter(showcase=showcase).annotate(
        valid=Count("votes", filter=Q(votes__invalidated_at__isnull=True))
    )
    violations += sum(1 for w in tallies if w.vote_count != w.valid)
    accepted = stats.count(tag="vote", status=200) + warm_up.count(status=200)
    stored = Vote.objects.filter(showcase=showcase).count()
    violations += abs(accepted - stored)
    return violations


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    with throwaway_database(args.database) as url:
        env = app_env(url, REDIS_URL=args.redis)
        migrate(env)
        setup_django(env)
        warmers = args.clients * 4
        showcase, work_ids, _voter_ids, tokens = create_data(
            args.voters * args.rounds + warmers, args.works
        )
        warm_tokens, tokens = tokens[:warmers], tokens[warmers:]
        with Gunicorn(
            env,
            port=args.port,
            workers=args.workers,
            threads=args.threads,
            ready_path="/api/v1/showcase/ping",
        ) as server:

            def run(plans):
                return drive(
                    server.base_url,
                    plans,
                    processes=args.processes,
                    keep_alive=args.keep_alive,
                )

            # Every worker answers both endpoints before anything is timed, so
            # that its database and Redis connections are open and the vote's
            # statements prepared: a short run would otherwise count those
            # first answers of each worker among the slowest.
            run(trivial_plans(args.clients * 20, tokens[0], clients=args.clients))
            warmed = run(warm_up_votes(warm_tokens, work_ids, clients=args.clients))
            vote_turns, trivial_turns = [], []
            for turn in range(args.rounds):
                voters = tokens[turn * args.voters : (turn + 1) * args.voters]
                plans, total = vote_plans(
                    voters, work_ids, clients=args.clients, rng=rng
                )
                trivial = trivial_plans(total, tokens[0], clients=args.clients)
                if turn % 2:
                    vote_turns.append(run(plans))
                    trivial_turns.append(run(trivial))
                else:
                    trivial_turns.append(run(trivial))
                    vote_turns.append(run(plans))
        votes = Stats.joined(vote_turns)
        trivial = Stats.joined(trivial_turns)
        violations = check_database(showcase, votes, warmed)

    answers = Counter((o.status, o.code) for o in votes.outcomes)
    print("vote answers:", json.dumps({f"{s} {c}": n for (s, c), n in answers.items()}))
    print(
        f"vote requests={len(votes.of())} in {votes.seconds:.2f}s; "
        f"accepted={votes.count(tag='vote', status=200)} "
        f"p50_ms={votes.percentile(50):.1f} p90_ms={votes.percentile(90):.1f} "
        f"max_ms={votes.percentile(100):.1f}; "
        f"trivial requests={len(trivial.of())} in {trivial.seconds:.2f}s "
        f"p99_ms={trivial.percentile(99):.1f}"
    )
    bad = [o for o in votes.outcomes if o.status not in (200, 409)]
    bad += [o for o in warmed.outcomes if o.status != 200]
    if bad:
        print(f"unexpected answers: {len(bad)}")
    votes_per_s = votes.per_second()
    trivial_per_s = trivial.per_second()
    ratio = votes_per_s / trivial_per_s if trivial_per_s else 0.0
    print(
        f"votes_per_s={votes_per_s:.1f} p99_ms={votes.percentile(99):.1f} "
        f"trivial_per_s={trivial_per_s:.1f} ratio={ratio:.2f} "
        f"violations={violations + len(bad)}"
    )


if __name__ == "__main__":
    main()
