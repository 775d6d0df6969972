"""What a resident reads on the theme-day, package and order pages."""

import pytest

from serviceweek.services.booking import book_slot

pytestmark = pytest.mark.django_db


def test_theme_day_and_package_pages_show_both_prices_with_yuan_and_unit(client, scene):
    client.force_login(scene.resident)

    day = client.get(f"/serviceweek/day/{scene.package.theme_day_id}/").content.decode()
    package = client.get(f"/serviceweek/packages/{scene.package.pk}/").content.decode()

    for page in (day, package):
        assert "180.00元/台" in page
        assert "红色优惠价：99.00元/台" in page


def test_partner_list_shows_the_red_price_with_yuan_and_unit(client, scene):
    client.force_login(scene.dispatcher)

    page = client.get("/serviceweek/console/partner/").content.decode()

    assert "<td>180.00元/台</td>" in page
    assert "<td>99.00元/台</td>" in page


def test_order_page_shows_prices_with_yuan_and_links_back_to_my_orders(client, scene):
    order = book_slot(scene.slot, actor=scene.resident)
    client.force_login(scene.resident)

    page = client.get(f"/serviceweek/orders/{order.pk}/").content.decode()

    assert "180.00元/台" in page
    assert "红色优惠价：99.00元/台" in page
    assert '<a href="/serviceweek/orders/">我的订单</a>' in page
