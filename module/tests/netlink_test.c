// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the vbr genl family's validation: each command's policy
 * is run over hand-built attributes, as the genl core runs it (strict),
 * and the verdicts and messages are checked.
 */
#include <kunit/test.h>
#include <linux/if.h>
#include <linux/skbuff.h>
#include <linux/vbr.h>
#include <net/netlink.h>

#include "../netlink.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct vbr_nl_test {
	struct sk_buff *skb;
	struct nlattr *tb[VBR_A_MAX + 1];
	struct netlink_ext_ack extack;
};

static int vbr_nl_test_init(struct kunit *test)
{
	struct vbr_nl_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->skb = alloc_skb(1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->skb);
	test->priv = t;
	return 0;
}

static void vbr_nl_test_exit(struct kunit *test)
{
	struct vbr_nl_test *t = test->priv;

	kfree_skb(t->skb);
}

/* Validates what was put into the skb with cmd's policy. */
static int validate(struct kunit *test, u8 cmd)
{
	struct vbr_nl_test *t = test->priv;
	const struct nla_policy *policy = vbr_nl_policy(cmd);

	KUNIT_ASSERT_NOT_NULL(test, policy);
	memset(&t->extack, 0, sizeof(t->extack));
	return nla_parse(t->tb, VBR_A_MAX, (struct nlattr *)t->skb->data,
			 t->skb->len, policy, &t->extack);
}

static const char *msg(struct kunit *test)
{
	struct vbr_nl_test *t = test->priv;

	return t->extack._msg ?: "";
}

static struct sk_buff *skb_of(struct kunit *test)
{
	struct vbr_nl_test *t = test->priv;

	skb_trim(t->skb, 0);
	return t->skb;
}

static void vbr_nl_test_bridge_new(struct kunit *test)
{
	struct sk_buff *skb = skb_of(test);
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };

	KUNIT_ASSERT_EQ(test, nla_put_string(skb, VBR_A_BR_NAME, "br0"), 0);
	KUNIT_ASSERT_EQ(test, nla_put(skb, VBR_A_BR_ADDR, ETH_ALEN, mac), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_BR_AGEING_TIME,
					  VBR_AGEING_TIME_MAX), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_BR_MAX_LEARNED, 0), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_NEW), 0);
}

static void vbr_nl_test_ranges(struct kunit *test)
{
	struct sk_buff *skb = skb_of(test);

	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_BR_AGEING_TIME,
					  VBR_AGEING_TIME_MAX + 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_SET), -ERANGE);
	KUNIT_EXPECT_STREQ(test, msg(test), "integer out of range");

	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u8(skb, VBR_A_PORT_FLOOD, 2), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_SET), -ERANGE);

	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u8(skb, VBR_A_PORT_TYPE,
					 VBR_PORT_TYPE_MAX + 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_ADD), -ERANGE);

	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_PORT_MTU, 67), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_ADD), -ERANGE);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_PORT_MTU, 65535), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_ADD), 0);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_PORT_MTU, 65536), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_ADD), -ERANGE);

	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u8(skb, VBR_A_FDB_TYPE,
					 VBR_FDB_TYPE_MAX + 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_FDB_FLUSH), -ERANGE);

	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_BR_IFINDEX, 0), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_GET), -ERANGE);
}

static void vbr_nl_test_lengths(struct kunit *test)
{
	struct sk_buff *skb = skb_of(test);
	static const u8 five[5] = { 2, 0, 0, 0, 1 };

	/* A u8 where a u32 belongs. */
	KUNIT_ASSERT_EQ(test, nla_put_u8(skb, VBR_A_BR_MAX_LEARNED, 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_SET), -EINVAL);

	/* A MAC is exactly six bytes. */
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put(skb, VBR_A_FDB_ADDR, 5, five), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_FDB_ADD), -ERANGE);

	/* Names are NUL-terminated and shorter than IFNAMSIZ. */
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put(skb, VBR_A_BR_NAME, 3, "br0"), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_GET), -EINVAL);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_string(skb, VBR_A_PORT_NAME,
					     "abcdefghijklmnop"), 0);
	KUNIT_EXPECT_LT(test, validate(test, VBR_CMD_PORT_GET), 0);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_string(skb, VBR_A_PORT_NAME,
					     "abcdefghijklmno"), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_GET), 0);
}

static void vbr_nl_test_unknown_and_unsupported(struct kunit *test)
{
	struct sk_buff *skb = skb_of(test);

	/* Beyond the family's attributes. */
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_MAX + 1, 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_GET), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg(test), "Unknown attribute type");

	/* A family attribute that this command does not take. */
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_PORT_MTU, 1500), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_SET), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg(test), "Unsupported attribute");

	/* Read-only attributes are not taken by anything. */
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_BR_LEARNED, 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_BR_SET), -EINVAL);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_FDB_FLUSHED, 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_FDB_FLUSH), -EINVAL);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, VBR_A_PORT_LEARNED, 1), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_SET), -EINVAL);

	/* Only a port's creation takes an address, MTU or ownership. */
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_flag(skb, VBR_A_PORT_OWNED), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_SET), -EINVAL);
	skb = skb_of(test);
	KUNIT_ASSERT_EQ(test, nla_put_flag(skb, VBR_A_PORT_OWNED), 0);
	KUNIT_EXPECT_EQ(test, validate(test, VBR_CMD_PORT_ADD), 0);
}

static void vbr_nl_test_every_command_has_a_policy(struct kunit *test)
{
	int cmd;

	for (cmd = VBR_CMD_BR_NEW; cmd <= VBR_CMD_FDB_FLUSH; cmd++)
		KUNIT_EXPECT_NOT_NULL(test, vbr_nl_policy(cmd));
	for (cmd = VBR_CMD_VLAN_ADD; cmd <= VBR_CMD_VLAN_GET; cmd++)
		KUNIT_EXPECT_NOT_NULL(test, vbr_nl_policy(cmd));
	/* Notifications are not requests. */
	for (cmd = VBR_CMD_PORT_ADDED_NTF; cmd <= VBR_CMD_PORT_CHANGED_NTF; cmd++)
		KUNIT_EXPECT_NULL(test, vbr_nl_policy(cmd));
	KUNIT_EXPECT_NULL(test, vbr_nl_policy(VBR_CMD_VLAN_CHANGED_NTF));
}

static struct kunit_case vbr_nl_test_cases[] = {
	KUNIT_CASE(vbr_nl_test_bridge_new),
	KUNIT_CASE(vbr_nl_test_ranges),
	KUNIT_CASE(vbr_nl_test_lengths),
	KUNIT_CASE(vbr_nl_test_unknown_and_unsupported),
	KUNIT_CASE(vbr_nl_test_every_command_has_a_policy),
	{}
};

static struct kunit_suite vbr_nl_test_suite = {
	.name = "vbr_netlink",
	.init = vbr_nl_test_init,
	.exit = vbr_nl_test_exit,
	.test_cases = vbr_nl_test_cases,
};

kunit_test_suite(vbr_nl_test_suite);
