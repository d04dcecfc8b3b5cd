// Stripe mode only: Stripe's own card element collects the card, so card numbers never reach MyAccount's server.
window.myAccountStripe = {
  mount(publishableKey, elementId) {
    const stripe = Stripe(publishableKey);
    const card = stripe.elements().create('card', { hidePostalCode: true });
    card.mount('#' + elementId);
    this.state = { stripe, card };
  },
  async confirm(clientSecret, billing) {
    if (!this.state) {
      return { error: 'The card form is not ready yet.' };
    }
    const result = await this.state.stripe.confirmCardSetup(clientSecret, {
      payment_method: {
        card: this.state.card,
        billing_details: {
          address: {
            line1: billing.line1, line2: billing.line2 || undefined, city: billing.city,
            state: billing.region || undefined, postal_code: billing.postalCode, country: billing.country
          }
        }
      }
    });
    return result.error ? { error: result.error.message } : { setupIntentId: result.setupIntent.id };
  }
};
